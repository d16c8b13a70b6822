from django.contrib.postgres.operations import UnaccentExtension
from django.db import migrations

# Two text search configurations of our own, the English and Spanish ones with `unaccent` before the
# stemmer, so that "migracion" finds "migración" and "Secretaria Tecnica" finds "Secretaría Técnica"
# (docs/search.md). Each text is parsed in its own language's: a paragraph in its declaration's language,
# a conference's English theme in rcm_english and its Spanish one in rcm_spanish, weighted A and B so that a
# search in one language matches that language's theme only (rcm.lib.search).
POSTGRESQL = """
CREATE TEXT SEARCH CONFIGURATION rcm_english (COPY = pg_catalog.english);
ALTER TEXT SEARCH CONFIGURATION rcm_english
    ALTER MAPPING FOR hword, hword_part, word WITH unaccent, english_stem;
CREATE TEXT SEARCH CONFIGURATION rcm_spanish (COPY = pg_catalog.spanish);
ALTER TEXT SEARCH CONFIGURATION rcm_spanish
    ALTER MAPPING FOR hword, hword_part, word WITH unaccent, spanish_stem;

CREATE OR REPLACE FUNCTION declarations_conference_search_vector() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.search_vector := setweight(to_tsvector('rcm_english', coalesce(NEW.theme_en, '')), 'A')
        || setweight(to_tsvector('rcm_spanish', coalesce(NEW.theme_es, '')), 'B');
    RETURN NEW;
END $$;
UPDATE declarations_conference SET theme_en = theme_en;

CREATE OR REPLACE FUNCTION declarations_paragraph_search_vector() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.search_vector := to_tsvector(
        (SELECT CASE WHEN d.language = 'es' THEN 'rcm_spanish' ELSE 'rcm_english' END
         FROM declarations_declaration d WHERE d.id = NEW.declaration_id)::regconfig,
        coalesce(NEW.text, ''));
    RETURN NEW;
END $$;
UPDATE declarations_paragraph SET text = text;
"""

POSTGRESQL_REVERSE = """
CREATE OR REPLACE FUNCTION declarations_conference_search_vector() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.search_vector := to_tsvector('pg_catalog.english', coalesce(NEW.theme_en, ''))
        || to_tsvector('pg_catalog.spanish', coalesce(NEW.theme_es, ''));
    RETURN NEW;
END $$;
UPDATE declarations_conference SET theme_en = theme_en;

CREATE OR REPLACE FUNCTION declarations_paragraph_search_vector() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.search_vector := to_tsvector(
        (SELECT CASE WHEN d.language = 'es' THEN 'pg_catalog.spanish' ELSE 'pg_catalog.english' END
         FROM declarations_declaration d WHERE d.id = NEW.declaration_id)::regconfig,
        coalesce(NEW.text, ''));
    RETURN NEW;
END $$;
UPDATE declarations_paragraph SET text = text;

DROP TEXT SEARCH CONFIGURATION rcm_english;
DROP TEXT SEARCH CONFIGURATION rcm_spanish;
"""


def accent_insensitive_search(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(POSTGRESQL)


def accent_sensitive_search(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(POSTGRESQL_REVERSE)


class Migration(migrations.Migration):
    dependencies = [
        ("declarations", "0009_meeting_sources"),
    ]

    operations = [
        UnaccentExtension(),
        migrations.RunPython(accent_insensitive_search, accent_sensitive_search),
    ]
