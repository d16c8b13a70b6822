from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from decisions.models import Decision, Link, Mention, Topic


class MentionInline(admin.TabularInline):
    model = Mention
    extra = 0
    autocomplete_fields = ["country", "body", "organization"]


class LinkInline(admin.TabularInline):
    model = Link
    fk_name = "source"
    extra = 0
    raw_id_fields = ["target_decision", "target_conference"]


@admin.register(Decision)
class DecisionAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "deadline"]
    list_select_related = ["conference"]
    search_fields = ["text_en", "text_es"]
    list_filter = ["topics"]
    filter_horizontal = ["topics"]
    inlines = [MentionInline, LinkInline]


@admin.register(Topic)
class TopicAdmin(SimpleHistoryAdmin):
    list_display = ["name_en", "name_es", "slug"]
    search_fields = ["name_en", "name_es"]
    prepopulated_fields = {"slug": ["name_en"]}
