"""What an import did (or, in a dry run, would do), for the command and the admin alike."""

from collections import Counter
from dataclasses import dataclass, field


@dataclass
class CreatedArticle:
    title: str
    url: str
    old_path: str = ""
    notes: list = field(default_factory=list)
    page_id: int | None = None  # None in a dry run: the article was never kept

    @property
    def line(self):
        if self.old_path:
            return f"{self.title} → {self.url} (the old address {self.old_path} redirects here)"
        return f"{self.title} → {self.url}"


@dataclass
class ImportReport:
    dry_run: bool = False
    publish: bool = False
    created: list = field(default_factory=list)
    skipped: Counter = field(default_factory=Counter)  # reason -> count
    dropped: dict = field(
        default_factory=dict
    )  # post title -> ["script", "[gallery] shortcode ×2"]
    unmatched_terms: Counter = field(default_factory=Counter)
    new_practitioners: list = field(default_factory=list)
    images_imported: int = 0
    images_reused: int = 0
    redirects: int = 0
    notes: list = field(default_factory=list)

    @property
    def changed_nothing(self):
        return not self.created

    def drop(self, title, what):
        self.dropped.setdefault(title, Counter())[what] += 1

    @property
    def headline(self):
        kind = "published articles" if self.publish else "draft articles"
        if self.changed_nothing:
            already = self.skipped.get(ALREADY_IMPORTED, 0)
            if already:
                return (
                    f"Nothing to import: all {already} posts in this file were imported before, "
                    "so nothing was created or changed."
                )
            return "Nothing to import: the file has no published posts."
        verb = "Would create" if self.dry_run else "Created"
        count = len(self.created)
        noun = kind if count != 1 else kind[:-1]
        return f"{verb} {count} {noun} under Articles."

    def sections(self):
        """[(heading, [line, ...]), ...] in reading order, after the articles themselves."""
        sections = []
        if self.skipped:
            total = sum(self.skipped.values())
            sections.append(
                (
                    f"Skipped ({total})",
                    [f"{count} × {reason}" for reason, count in sorted(self.skipped.items())],
                )
            )
        if self.dropped:
            lines = []
            for title, counts in self.dropped.items():
                parts = [what if n == 1 else f"{what} ×{n}" for what, n in counts.items()]
                lines.append(f"{title}: {'; '.join(parts)}")
            sections.append(("Left out of the articles", lines))
        if self.unmatched_terms:
            sections.append(
                (
                    "Categories and tags with no matching body area",
                    [
                        f"{term} ({count} post{'s' if count != 1 else ''})"
                        for term, count in sorted(self.unmatched_terms.items())
                    ],
                )
            )
        other = list(self.notes)
        if self.new_practitioners:
            other.append("New practitioners: " + ", ".join(self.new_practitioners))
        if self.images_imported or self.images_reused:
            other.append(
                f"Images: {self.images_imported} added to the image library, "
                f"{self.images_reused} already there."
            )
        if self.created:
            other.append(f"Redirects from old addresses: {self.redirects}.")
        if other:
            sections.append(("Also", other))
        return sections

    def lines(self):
        out = []
        if self.dry_run:
            out.append("Dry run: nothing was saved. This is what the import would do.")
        out.append(self.headline)
        if self.created:
            out += ["", "Articles:"]
            for article in self.created:
                out.append(f"  {article.line}")
                out.extend(f"      {note}" for note in article.notes)
        for heading, lines in self.sections():
            out.append("")
            out.append(f"{heading}:")
            out.extend(f"  {line}" for line in lines)
        return out


ALREADY_IMPORTED = "posts imported before (left as they are)"
