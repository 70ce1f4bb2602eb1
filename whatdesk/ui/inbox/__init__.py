"""The agents' inbox: ticket lists, the chat, the composer and the contact panel."""
