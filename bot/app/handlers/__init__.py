"""One module per webhook handler. Each exposes ``EVENTS`` ({event: {actions}}), ``HELP`` (one
line for operators; contributor-facing help is ``templates/help.md.j2``) and
``handle(event, payload, ctx) -> str`` (a short outcome for the worker's log)."""
