"""The learned taggers and their training: a leaf that knows nothing of ``extract/``.

A tagger gives each token of a parsed ``Doc`` a BIO role tag (cue, source, content);
``extract.learned`` and ``extract.link`` turn the tagged spans into attributions.

- ``model``: load a shipped tagger by name (the ``Tagging`` interface); the default is
  the transformer ``minilm-polnear``, the CRF ``crf-polnear`` is kept for comparison
- ``tagger``: the transformer tagger (a fine-tuned MiniLM encoder and a linear layer)
- ``decode``: tags from the tagger's scores: BIO-constrained Viterbi (the default) or argmax
- ``encoder``, ``pieces``: the MiniLM encoder in plain torch and its wordpiece windows
- ``finetune``: training the transformer tagger on the CPU
- ``checkpoint``: its saved state, written atomically, so a stopped run resumes to the
  same weights
- ``features``, ``cue_lexicon``, ``training``: the CRF's token features, the cue lexicon
  they use, and its training
- ``labels``: BIO tags from gold character spans and back
- ``card``: the model card beside each shipped tagger

``according.rebuild`` (above ``extract/`` and ``evaluate``) trains, scores and writes a
card end to end (``according train``).
"""
