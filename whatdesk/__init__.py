"""whatdesk: serve WhatsApp customers from one PC — inbox, connections and chatbot flows."""

__version__ = "0.1.0"
