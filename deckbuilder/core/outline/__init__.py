"""The outline format: its parts and their fields, reading YAML with places, loading, schema."""
