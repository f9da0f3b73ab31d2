import signal
import time

from django.core.management.base import BaseCommand
from django.db import close_old_connections, connection

from doggydiary.outbox import delivery, jobs


class Command(BaseCommand):
    help = "Deliver queued mail (with retries) and run the daily digest. Runs until stopped."

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="One pass, then exit.")
        parser.add_argument("--max-loops", type=int, default=0, help="Stop after N passes.")
        parser.add_argument(
            "--idle", type=float, default=2.0, help="Seconds to wait when nothing is due."
        )

    def handle(self, *args, once=False, max_loops=0, idle=2.0, **options):
        stopping = []
        for signum in (signal.SIGTERM, signal.SIGINT):
            signal.signal(signum, lambda *_: stopping.append(True))
        loops = total = 0
        while not stopping:
            if not connection.in_atomic_block:  # (tests run the command inside one)
                close_old_connections()  # as a request would: drop a broken connection
            jobs.run_due()
            sent = delivery.deliver_due()
            total += sent
            loops += 1
            if once or (max_loops and loops >= max_loops):
                break
            if not sent:
                time.sleep(idle)  # bounded: the next pass looks again
        if once or max_loops:
            self.stdout.write(f"Sent {total} message(s) in {loops} pass(es).")
