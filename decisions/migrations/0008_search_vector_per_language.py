import django.contrib.postgres.search
from django.db import migrations

# One vector per language, each GIN-indexed, in place of one for both texts: a decision's text in a
# language is read only where that language's declaration may be, and a search must match only those.
POSTGRESQL = """
DROP TRIGGER decisions_decision_search_vector ON decisions_decision;
DROP FUNCTION decisions_decision_search_vector();
CREATE FUNCTION decisions_decision_search_vectors() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.search_vector_en := to_tsvector('pg_catalog.english', coalesce(NEW.text_en, ''));
    NEW.search_vector_es := to_tsvector('pg_catalog.spanish', coalesce(NEW.text_es, ''));
    RETURN NEW;
END $$;
CREATE TRIGGER decisions_decision_search_vectors BEFORE INSERT OR UPDATE OF text_en, text_es
    ON decisions_decision FOR EACH ROW EXECUTE FUNCTION decisions_decision_search_vectors();
UPDATE decisions_decision SET text_en = text_en;
CREATE INDEX decisions_decision_search_vector_en ON decisions_decision USING gin (search_vector_en);
CREATE INDEX decisions_decision_search_vector_es ON decisions_decision USING gin (search_vector_es);
"""

POSTGRESQL_REVERSE = """
DROP TRIGGER decisions_decision_search_vectors ON decisions_decision;
DROP FUNCTION decisions_decision_search_vectors();
CREATE FUNCTION decisions_decision_search_vector() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.search_vector := to_tsvector('pg_catalog.english', coalesce(NEW.text_en, ''))
        || to_tsvector('pg_catalog.spanish', coalesce(NEW.text_es, ''));
    RETURN NEW;
END $$;
CREATE TRIGGER decisions_decision_search_vector BEFORE INSERT OR UPDATE OF text_en, text_es
    ON decisions_decision FOR EACH ROW EXECUTE FUNCTION decisions_decision_search_vector();
UPDATE decisions_decision SET text_en = text_en;
CREATE INDEX decisions_decision_search_vector ON decisions_decision USING gin (search_vector);
"""


def search_triggers(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(POSTGRESQL)


def search_trigger_for_both(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(POSTGRESQL_REVERSE)


class Migration(migrations.Migration):

    dependencies = [
        ("decisions", "0007_text_without_control_characters"),
    ]

    operations = [
        migrations.AddField(
            model_name="decision",
            name="search_vector_en",
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        migrations.AddField(
            model_name="decision",
            name="search_vector_es",
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        migrations.RunPython(search_triggers, search_trigger_for_both),
        migrations.RemoveField(model_name="decision", name="search_vector"),
    ]
