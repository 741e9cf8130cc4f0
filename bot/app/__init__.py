"""The GitHub App: webhook intake, durable deliveries, handlers, plan and apply."""
