"""Follow-up of decisions: mandates, status changes, actions and their evidence, and the reports on them."""
