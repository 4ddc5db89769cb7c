"""What both database backends do once they have ranked ids: load only that slice of objects."""


class RankedIdsResultsMixin:
    """For a SearchResults class whose ``_ranked_ids(start, stop)`` returns (object_id, score)
    pairs best first, or None when Wagtail's own path must handle the query."""

    def _do_search(self):
        ranked = self._ranked_ids(self.start, self.stop)
        if ranked is None:
            return super()._do_search()
        ranked = list(ranked)
        pk_field = self.query_compiler.queryset.model._meta.pk
        ids = [pk_field.to_python(object_id) for object_id, _ in ranked]
        objects = self.query_compiler.queryset.order_by().in_bulk(ids)
        results = []
        for pk, (_, score) in zip(ids, ranked, strict=True):
            obj = objects.get(pk)
            if obj is not None:  # Deleted between the two queries.
                if self._score_field:
                    setattr(obj, self._score_field, score)
                results.append(obj)
        return results

    def _do_count(self):
        ranked = self._ranked_ids(None, None)
        return super()._do_count() if ranked is None else ranked.count()
