"""GovShare domain core: vocabulary, schemas, validation rules, workflows, working-day calendar.

Pure Python shared by the platform server and the desktop client: no Qt, no HTTP, no database.
"""

__version__ = "0.1.0"
