"""Use cases: one function per thing a person does, each in one unit of work."""
