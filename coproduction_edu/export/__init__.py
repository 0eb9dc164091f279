"""Exports of the book for learning platforms: a GIFT question bank and SCORM packages."""
