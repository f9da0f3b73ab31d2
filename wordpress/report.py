"""What an import did: created / updated / unchanged / skipped per kind, the reasons
for each skip, unknown shortcodes and the pictures the library does not have."""

from collections import Counter

EXAMPLES = 20  # addresses or titles listed per reason; the rest are counted


class Report:
    def __init__(self):
        self.counts = {}  # kind -> Counter(created=, updated=, unchanged=, skipped=)
        self.skipped = {}  # kind -> {reason: [count, examples]}
        self.shortcodes = Counter()
        self.missing = {}  # picture address -> None (ordered set)
        self.notes = []

    def count(self, kind, outcome, n=1):
        if n:
            self.counts.setdefault(kind, Counter())[outcome] += n

    def skip(self, kind, reason, example=""):
        self.count(kind, "skipped")
        entry = self.skipped.setdefault(kind, {}).setdefault(reason, [0, []])
        entry[0] += 1
        if example and len(entry[1]) < EXAMPLES:
            entry[1].append(example)

    def missing_picture(self, url):
        self.missing[url] = None

    def as_dict(self):
        return {
            "counts": {kind: dict(counter) for kind, counter in self.counts.items()},
            "skipped": {
                kind: {reason: {"count": n, "examples": examples}
                       for reason, (n, examples) in reasons.items()}
                for kind, reasons in self.skipped.items()
            },
            "shortcodes": dict(self.shortcodes.most_common()),
            "missing_pictures": list(self.missing),
            "notes": self.notes,
        }  # fmt: skip


def lines(data):
    """The report as text, for the command's output."""
    out = []
    for kind, counts in data["counts"].items():
        parts = ", ".join(f"{n} {outcome}" for outcome, n in sorted(counts.items()))
        out.append(f"{kind}: {parts}")
        for reason, entry in data["skipped"].get(kind, {}).items():
            shown = "; ".join(entry["examples"][:5])
            out.append(f"  skipped {entry['count']}: {reason}" + (f" ({shown})" if shown else ""))
    if data["shortcodes"]:
        named = ", ".join(f"[{name}] ×{n}" for name, n in data["shortcodes"].items())
        out.append(f"shortcodes with no equivalent here (unwrapped or removed): {named}")
    missing = data["missing_pictures"]
    if missing:
        out.append(f"pictures not in the library ({len(missing)}; removed from bodies):")
        out.extend(f"  {url}" for url in missing[:EXAMPLES])
        if len(missing) > EXAMPLES:
            out.append(f"  … and {len(missing) - EXAMPLES} more")
    out.extend(data["notes"])
    return out
