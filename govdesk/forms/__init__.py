"""Printed forms: reportlab flowables and one template module per standard paper form."""
