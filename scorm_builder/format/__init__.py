"""The declared formats: the small spec types (spec), the course format (course), the company
profile format (profile). Each is declared once and used for validation, the JSON Schema and the
docs key tables (docs).
"""
