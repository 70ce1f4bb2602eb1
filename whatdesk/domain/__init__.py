"""Plain domain types shared by every layer: enums, value objects, events, errors, the clock."""
