from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from declarations.models import Conference, Declaration, Paragraph, Participation


class ParticipationInline(admin.TabularInline):
    model = Participation
    extra = 0
    autocomplete_fields = ["country", "organization"]


@admin.register(Conference)
class ConferenceAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "kind", "host_country", "start_date", "planned_year"]
    list_filter = ["kind"]
    inlines = [ParticipationInline]


class ParagraphInline(admin.StackedInline):
    model = Paragraph
    extra = 0
    filter_horizontal = ["documents"]


@admin.register(Declaration)
class DeclarationAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "language", "status", "published_at"]
    list_filter = ["status", "language"]
    list_select_related = ["conference"]
    inlines = [ParagraphInline]
