from django.db import migrations

# Each text in its language's configuration with `unaccent` (declarations 0010, docs/search.md).
POSTGRESQL = """
CREATE OR REPLACE FUNCTION decisions_decision_search_vectors() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.search_vector_en := to_tsvector('rcm_english', coalesce(NEW.text_en, ''));
    NEW.search_vector_es := to_tsvector('rcm_spanish', coalesce(NEW.text_es, ''));
    RETURN NEW;
END $$;
UPDATE decisions_decision SET text_en = text_en;
"""

POSTGRESQL_REVERSE = """
CREATE OR REPLACE FUNCTION decisions_decision_search_vectors() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.search_vector_en := to_tsvector('pg_catalog.english', coalesce(NEW.text_en, ''));
    NEW.search_vector_es := to_tsvector('pg_catalog.spanish', coalesce(NEW.text_es, ''));
    RETURN NEW;
END $$;
UPDATE decisions_decision SET text_en = text_en;
"""


def accent_insensitive_search(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(POSTGRESQL)


def accent_sensitive_search(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(POSTGRESQL_REVERSE)


class Migration(migrations.Migration):
    dependencies = [
        ("decisions", "0009_items_of_outcome_documents"),
        ("declarations", "0010_accent_insensitive_search"),
    ]

    operations = [
        migrations.RunPython(accent_insensitive_search, accent_sensitive_search),
    ]
