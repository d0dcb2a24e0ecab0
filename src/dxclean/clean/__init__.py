"""Cleaning a page dump down to its article: a pure library used by the steps.

Modules, each with one job:

- :mod:`.lexicon`   — documented portal phrases (Vietnamese + English) and line patterns;
- :mod:`.stopwords` — stopword lists (copied from jusText, BSD) and stopword density;
- :mod:`.dates`     — date/time parsing to ISO 8601 for Vietnamese and English portals;
- :mod:`.features`  — per-line features (length, punctuation, stopword density, repeats);
- :mod:`.zones`     — teaser zones after headers, headline + date listings, triples;
- :mod:`.classify`  — the line classifier: scores, densest run of body text, smoothing;
- :mod:`.metadata`  — picking title, date and source among the lines.

Everything here works on plain strings and small dataclasses; the steps in
:mod:`dxclean.steps` turn the decisions into block labels.
"""
