from django.contrib import admin

from declarations.models import Conference, Declaration, Paragraph, Participation
from rcm.base.admin import ReadOnlyAdmin, ReadOnlyInline


class ParticipationInline(ReadOnlyInline, admin.TabularInline):
    model = Participation


@admin.register(Conference)
class ConferenceAdmin(ReadOnlyAdmin):
    list_display = ["__str__", "kind", "host_country", "start_date", "planned_year"]
    list_filter = ["kind"]
    inlines = [ParticipationInline]


class ParagraphInline(ReadOnlyInline, admin.StackedInline):
    model = Paragraph


@admin.register(Declaration)
class DeclarationAdmin(ReadOnlyAdmin):
    list_display = ["__str__", "language", "status", "published_at"]
    list_filter = ["status", "language"]
    list_select_related = ["conference"]
    inlines = [ParagraphInline]
