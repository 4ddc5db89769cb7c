"""On PostgreSQL only: the table of each index entry's score for each of its words, the trigger
that keeps it, and its first filling (search/term_scores.py says why). Nothing on SQLite."""

from django.db import migrations

CREATE = r"""
CREATE TABLE search_termscore (
    entry_id integer NOT NULL,
    content_type_id integer NOT NULL,
    lexeme text NOT NULL,
    title_rank real NOT NULL,
    body_rank real NOT NULL,
    score double precision NOT NULL,
    in_title boolean NOT NULL,
    in_body boolean NOT NULL
);
-- One word's entries of one kind best first; its flags, for the "every word of a group" test.
CREATE INDEX search_termscore_best
    ON search_termscore (lexeme, content_type_id, score DESC, entry_id DESC)
    INCLUDE (in_title, in_body);
CREATE INDEX search_termscore_entry ON search_termscore (entry_id);

-- modelsearch's weights for the A, B, C and D parts of a vector, as ts_rank() is given them.
CREATE TABLE search_termscore_weights (weights real[] NOT NULL);

-- An entry's rows: for each word of its title or body, ts_rank() of that word alone in each,
-- and the two added up as the site search's ranking adds them (the title's times title_norm).
CREATE FUNCTION search_termscore_rows(
    entry integer, entry_content_type integer, entry_title tsvector, entry_body tsvector,
    entry_title_norm double precision
) RETURNS SETOF search_termscore LANGUAGE sql STABLE AS $$
    WITH words AS (
        SELECT word.lexeme,
               bool_or(word.in_title) AS in_title,
               bool_or(NOT word.in_title) AS in_body,
               ('''' || replace(replace(word.lexeme, '\', '\\'), '''', '''''') || '''')::tsquery
                   AS alone
        FROM (
            SELECT lexeme, true AS in_title FROM unnest(entry_title)
            UNION ALL
            SELECT lexeme, false FROM unnest(entry_body)
        ) AS word
        GROUP BY word.lexeme
    ), ranked AS (
        SELECT words.lexeme, words.in_title, words.in_body,
               CASE WHEN words.in_title THEN ts_rank(weights.weights, entry_title, words.alone)
                    ELSE 0 END AS title_rank,
               CASE WHEN words.in_body THEN ts_rank(weights.weights, entry_body, words.alone)
                    ELSE 0 END AS body_rank
        FROM words, (SELECT weights FROM search_termscore_weights LIMIT 1) AS weights
    )
    SELECT entry, entry_content_type, lexeme, title_rank, body_rank,
           title_rank * entry_title_norm + body_rank, in_title, in_body
    FROM ranked
$$;

CREATE FUNCTION search_termscore_rebuild() RETURNS void LANGUAGE sql AS $$
    TRUNCATE search_termscore;
    INSERT INTO search_termscore
    SELECT scored.* FROM wagtailsearch_indexentry AS entry,
        LATERAL search_termscore_rows(
            entry.id, entry.content_type_id, entry.title, entry.body, entry.title_norm
        ) AS scored;
$$;

CREATE FUNCTION search_termscore_write() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND NEW.id = OLD.id AND NEW.content_type_id = OLD.content_type_id
            AND NEW.title = OLD.title AND NEW.body = OLD.body THEN
        -- modelsearch sets title_norm after every insert: only the sum changes.
        IF NEW.title_norm IS DISTINCT FROM OLD.title_norm THEN
            UPDATE search_termscore SET score = title_rank * NEW.title_norm + body_rank
            WHERE entry_id = NEW.id;
        END IF;
        RETURN NULL;
    END IF;
    IF TG_OP <> 'INSERT' THEN
        DELETE FROM search_termscore WHERE entry_id = OLD.id;
    END IF;
    IF TG_OP <> 'DELETE' THEN
        INSERT INTO search_termscore
        SELECT * FROM search_termscore_rows(
            NEW.id, NEW.content_type_id, NEW.title, NEW.body, NEW.title_norm
        );
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER search_termscore_write
    AFTER INSERT OR DELETE OR UPDATE OF id, content_type_id, title, body, title_norm
    ON wagtailsearch_indexentry
    FOR EACH ROW EXECUTE FUNCTION search_termscore_write();

CREATE FUNCTION search_termscore_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    TRUNCATE search_termscore;
    RETURN NULL;
END
$$;
-- Django's test flush truncates the index table.
CREATE TRIGGER search_termscore_truncate
    AFTER TRUNCATE ON wagtailsearch_indexentry
    FOR EACH STATEMENT EXECUTE FUNCTION search_termscore_truncate();
"""

DROP = """
DROP TRIGGER IF EXISTS search_termscore_truncate ON wagtailsearch_indexentry;
DROP TRIGGER IF EXISTS search_termscore_write ON wagtailsearch_indexentry;
DROP FUNCTION IF EXISTS search_termscore_truncate();
DROP FUNCTION IF EXISTS search_termscore_write();
DROP FUNCTION IF EXISTS search_termscore_rebuild();
DROP FUNCTION IF EXISTS search_termscore_rows(integer, integer, tsvector, tsvector, double precision);
DROP TABLE IF EXISTS search_termscore_weights;
DROP TABLE IF EXISTS search_termscore;
"""


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(CREATE, params=None)  # several statements, no parameters
    # The weights, and every entry already indexed scored with them, come after every migrate
    # (search.term_scores.sync_weights), this first one included.


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP, params=None)


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0001_initial"),
        ("wagtailsearch", "0010_add_text_fields"),
    ]

    operations = [migrations.RunPython(create, drop)]
