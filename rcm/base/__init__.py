"""The shared base: member states, organizations, bodies, external documents, and the revisions every record has."""
