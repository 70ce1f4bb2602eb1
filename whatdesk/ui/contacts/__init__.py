"""The Contacts page: list, search, filters, the contact panel and the contact actions."""
