"""Connection manager: list, add/edit, link by QR or phone code, disconnect, delete."""
