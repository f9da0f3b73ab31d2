"""Readers' mail: addresses that opted in (double opt-in), what they follow, signed
links to confirm, unsubscribe and manage, the notices and the daily digest.

Everything is sent through the outbox (``doggydiary.outbox``): nothing here talks
to a mail server.
"""
