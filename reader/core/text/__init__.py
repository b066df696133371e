"""The text model: untrusted bytes made safe, a Document's paragraphs and sentences."""
