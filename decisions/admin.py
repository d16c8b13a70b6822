from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from decisions.models import Decision, Link, Mention, Topic
from rcm.base.admin import ReadOnlyInline, RevisionedAdmin


class MentionInline(ReadOnlyInline, admin.TabularInline):
    model = Mention


class LinkInline(ReadOnlyInline, admin.TabularInline):
    model = Link
    fk_name = "source"


@admin.register(Decision)
class DecisionAdmin(SimpleHistoryAdmin):
    """Topics are chosen here; the decision itself is edited in the staff screens (rcm.base.admin.ReadOnlyAdmin)."""

    list_display = ["__str__", "deadline"]
    list_select_related = ["conference"]
    search_fields = ["text_en", "text_es"]
    list_filter = ["topics"]
    fields = ["conference", "number", "text_en", "text_es", "deadline", "deadline_text", "status", "topics"]
    readonly_fields = ["conference", "number", "text_en", "text_es", "deadline", "deadline_text", "status"]
    filter_horizontal = ["topics"]
    inlines = [MentionInline, LinkInline]

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    def save_model(self, request, obj, form, change) -> None:
        """Only the topics (saved with the form's relations) can change here: the decision is not written."""


@admin.register(Topic)
class TopicAdmin(RevisionedAdmin):
    list_display = ["name_en", "name_es", "slug"]
    search_fields = ["name_en", "name_es"]
    prepopulated_fields = {"slug": ["name_en"]}
