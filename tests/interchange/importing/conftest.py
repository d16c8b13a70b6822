import pytest

from rcm.base.models import Body, Country, ExternalDocument, Organization
from rcm.front.seed import BODIES, COUNTRIES, DOCUMENTS, ORGANIZATIONS
from rcm.interchange.importing.actors import Gazetteer


def seed_gazetteer() -> Gazetteer:
    """The seed's states, organizations, bodies and documents, as unsaved records: the parser needs no database."""
    return Gazetteer(
        states=[Country(code=code, name_en=en, name_es=es, is_member=member) for code, en, es, member in COUNTRIES],
        organizations=[
            Organization(acronym=acronym, acronym_es=acronym_es, name_en=en, name_es=es, kind=kind)
            for acronym, acronym_es, en, es, kind in ORGANIZATIONS
        ],
        bodies=[
            Body(slug=slug, acronym=acronym, acronym_es=acronym_es, name_en=en, name_es=es, kind=kind)
            for slug, acronym, acronym_es, en, es, kind, _ in BODIES
        ],
        documents=[
            ExternalDocument(slug=slug, title_en=en, title_es=es, kind=kind) for slug, en, es, kind in DOCUMENTS
        ],
    )


@pytest.fixture(scope="session")
def gazetteer() -> Gazetteer:
    return seed_gazetteer()
