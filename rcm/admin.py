from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from rcm.models import Body, Country, ExternalDocument, Organization


@admin.register(Country)
class CountryAdmin(SimpleHistoryAdmin):
    list_display = ["code", "name_en", "name_es", "is_member"]
    list_filter = ["is_member"]
    search_fields = ["code", "name_en", "name_es"]


@admin.register(Organization)
class OrganizationAdmin(SimpleHistoryAdmin):
    list_display = ["acronym", "name_en", "kind"]
    list_filter = ["kind"]
    search_fields = ["acronym", "acronym_es", "name_en", "name_es"]


@admin.register(Body)
class BodyAdmin(SimpleHistoryAdmin):
    list_display = ["name_en", "acronym", "kind"]
    list_filter = ["kind"]
    search_fields = ["name_en", "name_es", "acronym"]
    prepopulated_fields = {"slug": ["name_en"]}
    filter_horizontal = ["members"]


@admin.register(ExternalDocument)
class ExternalDocumentAdmin(SimpleHistoryAdmin):
    list_display = ["title_en", "kind"]
    search_fields = ["title_en", "title_es"]
    prepopulated_fields = {"slug": ["title_en"]}
