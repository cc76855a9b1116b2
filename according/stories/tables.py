"""Tables of sources and attributions beside each stored analysis, for SQL and Datasette.

Rows are read out of the stored analysis JSON by SQLite itself (``json_each``), so
adding an article and upgrading an old store fill them with the same statements.
"""

from __future__ import annotations

CREATE = """
CREATE TABLE sources (
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    source_id TEXT NOT NULL,
    name TEXT,
    kind TEXT,
    role TEXT,
    affiliation TEXT,
    "count" INTEGER,
    basis TEXT,
    mentions INTEGER,
    PRIMARY KEY (article_id, source_id)
);
CREATE INDEX sources_kind ON sources(kind);
CREATE TABLE attributions (
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    attribution_id TEXT NOT NULL,
    cue TEXT,
    content TEXT,
    source_id TEXT,
    source_name TEXT,
    source_kind TEXT,
    act TEXT,
    polarity TEXT,
    kind TEXT,
    band TEXT,
    confidence TEXT,
    hedged INTEGER,
    chain TEXT,
    relayed INTEGER,
    PRIMARY KEY (article_id, attribution_id)
);
CREATE INDEX attributions_source_kind ON attributions(source_kind);
CREATE INDEX attributions_polarity ON attributions(polarity);
CREATE VIEW attribution_rows AS
    SELECT a.id AS article_id, a.story_id, a.outlet, a.title, a.published, t.attribution_id,
           t.source_name, t.source_kind, t.cue, t.content, t.act, t.polarity, t.band,
           t.confidence, t.chain, t.relayed
    FROM attributions t JOIN articles a ON a.id = t.article_id;
CREATE VIEW article_sourcing AS
    SELECT a.id AS article_id, a.story_id, a.outlet, a.title, a.published,
           count(t.attribution_id) AS claims,
           sum(t.source_kind = 'anonymous') AS anonymous_claims,
           round(1.0 * sum(t.source_kind = 'anonymous') / max(count(t.attribution_id), 1), 3)
               AS anonymous_share,
           sum(t.relayed) AS relayed_claims,
           sum(t.band != 'unmarked') AS estimative_claims
    FROM articles a LEFT JOIN attributions t ON t.article_id = a.id
    GROUP BY a.id
"""

_FILL_SOURCES = """
INSERT INTO sources
SELECT a.id, json_extract(s.value, '$.id'), json_extract(s.value, '$.name'),
       json_extract(s.value, '$.kind'), json_extract(s.value, '$.role'),
       json_extract(s.value, '$.affiliation'), json_extract(s.value, '$.count'),
       json_extract(s.value, '$.basis'), json_array_length(s.value, '$.mentions')
FROM articles a, json_each(a.analysis, '$.sources') s
{where}
"""

_FILL_ATTRIBUTIONS = """
INSERT INTO attributions
SELECT a.id, json_extract(t.value, '$.id'), json_extract(t.value, '$.cue.text'),
       (SELECT group_concat(json_extract(c.value, '$.text'), ' ... ')
        FROM json_each(t.value, '$.content') c),
       json_extract(t.value, '$.source'), src.name, src.kind,
       json_extract(t.value, '$.act'), json_extract(t.value, '$.polarity'),
       json_extract(t.value, '$.kind'), json_extract(t.value, '$.certainty.band'),
       json_extract(t.value, '$.certainty.confidence'),
       json_extract(t.value, '$.certainty.hedged'),
       (SELECT group_concat(hop.name, ' -> ') FROM json_each(t.value, '$.chain') c
        JOIN sources hop ON hop.article_id = a.id AND hop.source_id = c.value),
       (SELECT count(*) FROM json_each(t.value, '$.chain') c
        JOIN sources hop ON hop.article_id = a.id AND hop.source_id = c.value
        WHERE hop.kind = 'outlet' AND c.key > 0) > 0
FROM articles a, json_each(a.analysis, '$.attributions') t
LEFT JOIN sources src
    ON src.article_id = a.id AND src.source_id = json_extract(t.value, '$.source')
{where}
"""

MIGRATION = (
    "sources and attributions tables, views for Datasette",
    CREATE + ";" + _FILL_SOURCES.format(where="") + ";" + _FILL_ATTRIBUTIONS.format(where=""),
)
FILL_ONE = (
    _FILL_SOURCES.format(where="WHERE a.id = ?"),
    _FILL_ATTRIBUTIONS.format(where="WHERE a.id = ?"),
)
