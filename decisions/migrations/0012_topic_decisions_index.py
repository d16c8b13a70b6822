from django.db import migrations

# The filter by topic (/decisions/?topic=...) reads the decisions of a topic from the table of topics and
# decisions: with both columns in one index, from the index alone, not row by row from the table, which at
# 100,000 decisions cost more than the rest of the filter (docs/search.md, "Measured"). The table is
# Django's own for Decision.topics, so the index is made here rather than in a model's Meta.
INDEX = "decisions_decision_topics_topic_decision"


class Migration(migrations.Migration):
    dependencies = [
        ("decisions", "0011_translatable_field_names"),
    ]

    operations = [
        migrations.RunSQL(
            f"CREATE INDEX {INDEX} ON decisions_decision_topics (topic_id, decision_id)",
            f"DROP INDEX {INDEX}",
        ),
    ]
