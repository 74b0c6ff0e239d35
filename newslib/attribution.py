"""Attributing quotations: the reporting verb (``cue``) and the speaker of each quotation.

Reporting verb
--------------
Sought in the quotation's sentence, outside quotes, in this order: a verb that introduces the
quote with a colon (``He told his audience: "..."``); ``"...," X said`` / ``"...," said X``
right after it; the nearest verb before it (``Mr Wallace said Russian troops were "..."``);
any verb after it.

Speaker
-------
- The subject of the reporting verb: the noun phrase before it, or after it only when the
  verb follows the quotation directly (``"...," said Mr Wallace``) or is ``according (to)``;
  never the object of ``told``/``urged`` (``told the BBC``) or of a preposition (``written to
  the watchdog accusing``). A subject is a name, a pronoun, an age (``the 14-year-old``) or a
  description headed by a person or body noun (``role_nouns.tsv``); a weekday, a date, a thing
  (``the plans``, ``the report``) or a possessive (``Mr Howard's``) is not a speaker, except
  right after a quote (``"...," the clown said``). ``X, who ..., said``, ``X, 26, from Leeds,
  said`` and ``X, the defence secretary, said`` give X (a place in the apposition yields to a
  known person); ``X and Y said`` gives both; ``a spokeswoman for Acme said`` keeps the whole
  description. ``X welcomed it and said``, ``X went on to criticise``, ``X was quoted as
  saying`` and participles (``X is to speak, urging``) take the clause's subject.
- Names resolve to the person's canonical name (:mod:`newslib.people`); he/she to the nearest
  matching person (names before the quote in its own sentence are what was said, not who
  said it; a pronoun repeated in its sentence keeps its referent); definite role descriptions
  (``the defence secretary``) to the person with that role, in the first paragraph to the
  person who opens a following sentence (the news lede habit), elsewhere to the nearest
  person without a role; ``the spokeswoman`` to the unnamed source introduced earlier
  (``a spokeswoman for Acme``), which keeps that one form; indefinite descriptions stay as
  written.
- A quotation with no reporting verb of its own (a follow-on quote) continues the previous
  quotation of its sentence or the one before; otherwise takes the subject of the narration
  sentence right before it when that sentence reports speech (``She said X. "..."``,
  ``according to X``) or is about a named person (``Mr Lee, of Leeds, agreed. "..."``);
  otherwise continues the previous quotation when it is in the same or the previous paragraph
  and no other person is named in narration in between. ``"...," is the verdict of X`` and
  ``A spokesman "denied" it`` (a quote right after a person subject) name their speaker.

Kind
----
``full`` (a sentence or more, or a paragraph-spanning quote), ``partial`` (a fragment inside
the writer's sentence), both speech; ``scare`` (a fragment nobody is said to have said: scare
quotes, titles, words mentioned as words). These are heuristics: ``speaker_as_written`` always
shows the words a speaker was resolved from.
"""

from __future__ import annotations

from functools import cache

from newslib.lexicon import lexicon_rows
from newslib.people import (
    NOT_NAMES,
    Registry,
    is_capitalised,
    is_possessive,
    role_nouns,
    strip_possessive,
)
from newslib.quotemarks import Quotation, QuotedSpans
from newslib.segment import tokens_by_sentence

__all__ = ["attribute"]


@cache
def reporting_verbs() -> dict[str, tuple[str, str]]:
    verbs = {}
    for lemma, stance, forms, *_ in lexicon_rows("reporting_verbs.tsv"):
        for form in forms.split(","):
            verbs[form] = (lemma, stance)
    return verbs


_AUXILIARIES = frozenset(
    """has have had was is were are be been would will could also later then previously
    earlier recently repeatedly once again has't hasn't had't hadn't not n't""".split()
)
_PRONOUNS = frozenset("he she they it we i".split())
# Longest stretch (tokens) read back from a verb for its subject: keeps every sentence's
# work bounded however many verbs it holds (linear time).
_MAX_LOOKBACK = 40
# Words after which a verb form is a noun (`his comment`, `the claim`).
_NOUN_MARKERS = frozenset("the a an his her their its our my your this that".split())
_NP_TAGS = frozenset("NN NNS NNP NNPS JJ JJR JJS CD POS PRP$".split())
_DETERMINERS = frozenset("the a an this that one another some".split())
_INDEFINITE = frozenset("a an one another some".split())
_FUNCTION_WORDS = frozenset(
    """the a an in on at for of to and but or so it its he she they we i you his her their our
    this that these those there as if when while after before since by with from into than
    then also however meanwhile yet not no""".split()
)
# Nouns for people in general that may head a speaker description (beyond role_nouns.tsv).
_PEOPLE_NOUNS = frozenset(
    """people members voters residents workers staff fans supporters opponents parents
    children students teachers doctors nurses patients users customers consumers shoppers
    investors traders bankers economists scientists experts ministers mps peers tories
    conservatives democrats republicans liberals officials""".split()
)


class QuoteItem(tuple):
    """A marker in a sentence frame standing for quotation ``index``."""

    __slots__ = ()

    def __new__(cls, index: int):
        return super().__new__(cls, ("Q", index))

    @property
    def index(self) -> int:
        return self[1]


def _is_quote(item) -> bool:
    return isinstance(item, QuoteItem)


def _frame(tokens, quoted: QuotedSpans):
    """Items of a sentence (its ``tokens``) outside quotations: tokens, and QuoteItem markers."""
    items = []
    last_quote = None
    for token in tokens:
        inside = quoted.containing(token.start)
        if inside is None:
            items.append(token)
            last_quote = None
        elif inside != last_quote:
            items.append(QuoteItem(inside))
            last_quote = inside
    return items


class _Attributor:
    def __init__(self, article, quotations: list[Quotation]) -> None:
        self.article = article
        self.quotations = quotations
        self.verbs = reporting_verbs()
        self.role_nouns = role_nouns()
        self.quoted = QuotedSpans(quotations)
        self.registry = Registry(article, self.quoted)
        self.sentence_starts = [s.start for s in article.sentences]
        self._frames: dict[int, list] = {}
        self._tokens = tokens_by_sentence(article)  # once: a copy per sentence would be quadratic
        self._register_unnamed_sources()

    def _register_unnamed_sources(self) -> None:
        """Unnamed sources who report speech in narration (`A spokeswoman for Acme said it
        was examining ...`) are antecedents for a later `she said`."""
        for index in range(len(self.article.sentences)):
            frame = self.frame(index)
            for position, item in enumerate(frame):
                if self.is_cue(item):
                    self._register_named_subject(frame, position)
                    phrase, _ = self._np_before(frame, position - 1)
                elif not _is_quote(item) and self.role_nouns.get(item.text.lower()) == "source" \
                        and (position + 1 == len(frame) or _is_quote(frame[position + 1])
                             or frame[position + 1].text.lower() not in ("for", "of", "at")):
                    # `a Big Brother spokeswoman was ...`: introduced without a verb of saying.
                    phrase, _ = self._np_before(frame, position)
                    if not phrase or phrase[0].text.lower() not in _INDEFINITE:
                        continue
                else:
                    continue
                words = [t.text.lower() for t in phrase]
                heads = [w for w in words if self.role_nouns.get(w) == "source"]
                if heads and words[0] in _DETERMINERS:
                    written = self.article.body[phrase[0].start:phrase[-1].end]
                    self.registry.add_unnamed(written[0].upper() + written[1:],
                                              phrase[0].start, heads[-1])

    def _register_named_subject(self, frame, position: int) -> None:
        """`Jane Ross, of Acme, said the plan was late`: whoever reports speech by name is a
        person (two to four capitalised words, no organisation word)."""
        phrase = self.phrase_before(frame, position)
        if not phrase or not all(t.is_word and is_capitalised(t.text) for t in phrase):
            return
        _, _, name = self.registry.split_run(phrase)
        words = [t.text for t in name]
        if name and self.registry.find(words) is None and self.registry.looks_like_person(
                words):
            self.registry.add(self.article.body[name[0].start:name[-1].end], name[0].start)

    def frame(self, sentence: int):
        """The sentence's frame, built once (a sentence holding many quotations is common)."""
        cached = self._frames.get(sentence)
        if cached is None:
            cached = self._frames[sentence] = _frame(self._tokens.get(sentence, ()), self.quoted)
        return cached

    def sentence_of(self, offset: int) -> int:
        import bisect

        return max(0, bisect.bisect_right(self.sentence_starts, offset) - 1)

    def is_cue(self, item, *, any_tag: bool = False) -> bool:
        if _is_quote(item):
            return False
        return (item.is_word and item.text.lower() in self.verbs
                and (any_tag or item.pos.startswith("VB"))
                or item.text.lower() == "according")

    def cue_at(self, frame, i: int) -> bool:
        """A reporting verb at ``frame[i]``, unless a determiner or possessive makes it a
        noun (`his "Nazi" comment`, `the claim`)."""
        if not self.is_cue(frame[i]):
            return False
        j = i - 1
        while j >= 0 and _is_quote(frame[j]):
            j -= 1
        return not (j >= 0 and frame[j].text.lower() in _NOUN_MARKERS)

    def run(self) -> None:
        previous: Quotation | None = None
        for index, quote in enumerate(self.quotations):
            self.attribute(index, quote, previous)
            if quote.speaker and quote.kind != "scare":
                previous = quote

    def attribute(self, index: int, quote: Quotation, previous: Quotation | None) -> None:
        first_sentence = self.sentence_of(quote.start)
        last_sentence = self.sentence_of(quote.end)
        before = list(self.frame(first_sentence))
        after = list(self.frame(last_sentence))
        marker = QuoteItem(index)
        before = before[:before.index(marker)] if marker in before else []
        after = after[after.index(marker) + 1:] if marker in after else []
        quote.kind = self.kind(quote, before)

        choice = self.choose_cue(quote, before, after)
        if choice is not None:
            frame, cue_position = choice
            cue = frame[cue_position]
            lemma, stance = self.verbs.get(cue.text.lower(), ("according", "neutral"))
            quote.cue, quote.cue_lemma, quote.cue_stance = cue.text, lemma, stance
            if self.speaker(quote, frame, cue_position, previous, inverted=frame is after
                            and all(not t.is_word for t in after[:cue_position]
                                    if not _is_quote(t)), post_quote=frame is after):
                return
        if choice is None and quote.kind == "partial" and self.quoted_predicate(quote, before):
            return
        if choice is None and self.verbless_attribution(quote, after):
            return
        self.follow_on(quote, first_sentence, previous, has_cue=choice is not None)

    def verbless_attribution(self, quote: Quotation, after) -> bool:
        """`"...," is the verdict of Jane Ross`: a copula, a noun and `of` + a name right after
        the quotation name its speaker (no reporting verb)."""
        words = [t for t in after[:10] if not _is_quote(t)]
        if words and words[0].text == ",":
            words = words[1:]
        if len(words) < 3 or words[0].text.lower() not in ("is", "was"):
            return False
        for i, token in enumerate(words[1:], start=1):
            if token.text.lower() == "of" and i + 1 < len(words) and is_capitalised(
                    words[i + 1].text):
                phrase = self.phrase_after(words, i)
                return bool(phrase) and self.resolve(quote, phrase)
            if not token.is_word or token.pos not in _NP_TAGS and (
                    token.text.lower() not in _DETERMINERS and token.pos not in ("VBN", "RB")):
                return False
        return False

    def quoted_predicate(self, quote: Quotation, before) -> bool:
        """`A Tory spokesman "totally refuted" any wrongdoing`, `a spokeswoman was
        "satisfied"`: a quote right after its subject (auxiliaries aside) is the subject's
        words, when the subject is a person or a source."""
        j = len(before) - 1
        while j >= 0 and not _is_quote(before[j]) and before[j].text.lower() in _AUXILIARIES:
            j -= 1
        if j < 0 or _is_quote(before[j]):
            return False
        phrase, k = self._np_before(before, j)
        if not phrase or k >= 0 and not (_is_quote(before[k]) or before[k].text in (",", ";")):
            return False  # the phrase must open the clause
        words = [t.text.lower() for t in phrase]
        is_person = any(self.role_nouns.get(w) in ("source", "office", "leader", "expert")
                        for w in words) or words[-1] in _PRONOUNS and words[-1] != "it" or (
            self.registry.find([phrase[-1].text]) is not None)
        if not is_person:
            return False
        return self.resolve(quote, phrase)

    def follow_on(self, quote: Quotation, sentence: int, previous: Quotation | None,
                  *, has_cue: bool) -> None:
        """A quotation with no speaker in its own sentence (news follow-on convention)."""
        paragraph = quote.paragraphs[0]
        # The previous quotation in this or the sentence before: its speaker goes on.
        if previous is not None and previous.speaker and (
                self.sentence_of(previous.end) >= sentence - 1) and not self.named_between(
                previous, quote) and quote.kind == "full":
            quote.speaker = previous.speaker
            quote.speaker_as_written = previous.speaker_as_written
            quote.speaker_kind = "continuation"
            return
        # The sentence right before, if it reports someone's speech: `She said X. "..."`.
        if sentence > 0:
            prior = self.article.sentences[sentence - 1]
            if prior.paragraph >= paragraph - 1:
                frame = self.frame(sentence - 1)
                words = [t for t in frame if not _is_quote(t)]
                reports = any(_is_quote(t) for t in frame) is False or (
                    words and words[-1].text == ":")
                for i, item in enumerate(frame):
                    if reports and self.is_cue(item):
                        phrase = (self.phrase_after(frame, i + 1) if item.text.lower() ==
                                  "according" else self.phrase_before(frame, i))
                        if phrase and self.resolve(quote, phrase, "continuation"):
                            return
                        break
                # `Mr Lee, of Leeds, agreed. "..."`: a full quote after a sentence whose subject
                # is a named person or a pronoun is that person's (a verb in a separate sentence).
                full_before = any(_is_quote(t) and self.quotations[t.index].kind == "full"
                                  for t in frame)
                if quote.kind == "full" and not full_before and not (
                        self.article.body[prior.end:quote.start - 1].strip()):
                    phrase = self.sentence_subject(frame, len(frame))
                    if phrase and (phrase[-1].text.lower() in ("he", "she") or is_capitalised(
                            phrase[-1].text) and self.registry.find([phrase[-1].text])):
                        if self.resolve(quote, phrase, "continuation"):
                            return
        # A partial quote continues only within its paragraph; elsewhere it is a scare quote.
        if previous is not None and previous.speaker and (
                previous.paragraphs[-1] >= paragraph - 1) and not self.named_between(
                previous, quote) and (
                quote.kind == "full" or previous.paragraphs[-1] == paragraph):
            quote.speaker = previous.speaker
            quote.speaker_as_written = previous.speaker_as_written
            quote.speaker_kind = "continuation"
            return
        if quote.kind == "partial" and not has_cue:
            quote.kind = "scare"

    def named_between(self, previous: Quotation, quote: Quotation) -> bool:
        """True if narration between two quotations mentions a person other than the
        previous speaker."""
        import bisect

        salience = self.registry.salience
        start = bisect.bisect_right(salience, previous.end, key=lambda item: item[0])
        for index in range(start, len(salience)):
            offset, _, _, person = salience[index]
            if offset >= quote.start:
                break
            if person.display != previous.speaker:
                return True
        return False

    def kind(self, quote: Quotation, before) -> str:
        text = self.article.body[quote.start:quote.end]
        first = next((c for c in text if c.isalnum()), "")
        words_before = [item for item in before if not _is_quote(item)]
        introduced = not words_before or words_before[-1].text in (":", ",")
        sentence = text.rstrip("\"'’”").endswith((".", "!", "?", "…"))
        if len(quote.spans) > 1 or ((introduced or sentence) and (
                first.isupper() or first.isdigit())):
            return "full"
        return "partial"

    def choose_cue(self, quote: Quotation, before, after):
        # 1. A verb introducing the quote with a colon: `He told his audience: "..."`.
        for i in range(len(before) - 1, -1, -1):
            if _is_quote(before[i]):
                break
            if self.cue_at(before, i) and any(
                not _is_quote(it) and it.text == ":" for it in before[i + 1:]
            ):
                return before, i
        # 2. `"...," X said` or `"...," said X` right after the quote.
        ends_inside = self.article.body[quote.end - 1] in ",.!?"
        if after and (ends_inside or (not _is_quote(after[0]) and after[0].text == ",")):
            words = 0
            for i, item in enumerate(after):
                if _is_quote(item) or item.pos == "CC":
                    break  # `"...", and warned`: a verb of the earlier subject, not X said
                # Right after the quote a reporting verb is one whatever its tag
                # (`"...," reply X`); elsewhere the tagger must call it a verb.
                if self.is_cue(item, any_tag=i == 0 or i == 1 and after[0].text == ","):
                    return after, i
                words += item.is_word
                if words > 8:
                    break
        # 3. The nearest verb before it; 4. any verb after it.
        for i in range(len(before) - 1, -1, -1):
            if self.cue_at(before, i):
                return before, i
        for i in range(len(after)):
            if self.cue_at(after, i):
                return after, i
        return None

    def speaker(self, quote: Quotation, frame, cue_position: int, previous, *,
                inverted: bool, post_quote: bool = False) -> bool:
        """Resolve the subject of the cue; False when none is found."""
        cue = frame[cue_position]
        participle = cue.text.lower().endswith("ing") and cue_position > 0 and not _is_quote(
            frame[cue_position - 1]) and frame[cue_position - 1].text == ","
        if cue.text.lower() == "according":
            phrase = self.phrase_after(frame, cue_position + 1)
        elif participle:  # `Mr Zelensky said, adding that ...`: the main clause's subject
            phrase = []
        else:
            phrase = self.phrase_before(frame, cue_position, lenient=post_quote)
            if not phrase and inverted:
                phrase = self.phrase_after(frame, cue_position)
        if not phrase and participle and previous is not None and previous.speaker and (
                self.sentence_of(previous.start) == self.sentence_of(quote.start)):
            # `"...," he told the court, saying ...`: the speaker of the sentence's earlier
            # quotation, already resolved.
            quote.speaker = previous.speaker
            quote.speaker_as_written = previous.speaker_as_written
            quote.speaker_kind = previous.speaker_kind
            return True
        if not phrase:
            # A participle like `adding:` shares the subject of the sentence's earlier verb.
            for j in range(cue_position - 1, -1, -1):
                if self.cue_at(frame, j):
                    phrase = self.phrase_before(frame, j)
                    if phrase:
                        break
        if not phrase and cue.text.lower().endswith("ing"):
            # `X is to make a pitch urging ...`: a participle's subject is the sentence's.
            phrase = self.sentence_subject(frame, cue_position)
        if not phrase:
            if previous is not None and cue.text.lower().endswith("ing") and previous.speaker:
                quote.speaker = previous.speaker
                quote.speaker_as_written = previous.speaker_as_written
                quote.speaker_kind = previous.speaker_kind
                return True
            return False
        return self.resolve(quote, phrase)

    def sentence_subject(self, frame, limit: int):
        """The noun phrase before the main verb of the clause ending at ``frame[limit]``: tried
        from the sentence start, then after each comma (`Shivering, the actress joked`)."""
        starts = [0] + [k + 1 for k in range(max(0, limit - _MAX_LOOKBACK), limit)
                        if not _is_quote(frame[k]) and frame[k].text in (",", ";")]
        for start in reversed(starts):
            while start < limit and not _is_quote(frame[start]) and (
                    frame[start].text.lower() in _FUNCTION_WORDS - _PRONOUNS - _DETERMINERS
                    or not frame[start].is_word):
                start += 1
            if start >= limit or _is_quote(frame[start]):
                continue
            if frame[start].text.lower() in _PRONOUNS:
                return [frame[start]]
            end = start
            while end < limit and not _is_quote(frame[end]) and frame[end].is_word and (
                    is_capitalised(frame[end].text) or frame[end].pos in _NP_TAGS
                    or frame[end].text.lower() in _DETERMINERS) and (
                    not is_possessive(frame[end].text)):
                end += 1
            phrase = frame[start:end]
            if end < limit and not _is_quote(frame[end]) and frame[end].pos.startswith(
                    ("VB", "MD")) and phrase and self.is_speaker_phrase(phrase):
                return phrase  # the noun phrase before the main verb
            if end < limit and not _is_quote(frame[end]) and frame[end].text == "," and phrase \
                    and is_capitalised(phrase[-1].text) and self.registry.find(
                        [phrase[-1].text]) is not None:
                return phrase  # a known person followed by an apposition: `Mr Lee, of Leeds,`
        return []

    def _np_before(self, frame, j: int):
        """The noun phrase ending at ``frame[j]``, read backwards; (phrase, index before it)."""
        phrase = []
        while j >= 0 and not _is_quote(frame[j]) and len(phrase) < _MAX_LOOKBACK:
            token = frame[j]
            lowered = token.text.lower()
            if lowered in _PRONOUNS and not phrase:
                return [token], j - 1
            if lowered in ("for", "of", "at") and phrase and j > 0 and not _is_quote(
                    frame[j - 1]) and frame[j - 1].text.lower() in self.role_nouns:
                phrase.insert(0, token)  # `a spokeswoman for Acme`
                j -= 1
                continue
            if phrase and lowered in NOT_NAMES:
                break  # `On Tuesday Jane Ross said`: the date is not part of the name
            if token.pos not in _NP_TAGS and lowered not in _DETERMINERS:
                if not (token.is_word and is_capitalised(token.text) and phrase
                        and lowered not in _FUNCTION_WORDS):
                    break
            phrase.insert(0, token)
            if lowered in _DETERMINERS:
                j -= 1
                if j >= 1 and not _is_quote(frame[j]) and frame[j].text.lower() in (
                        "for", "of", "at") and not _is_quote(frame[j - 1]) and (
                        frame[j - 1].text.lower() in self.role_nouns):
                    continue  # `a spokeswoman for the Harbour Trust`
                break
            j -= 1
        return phrase, j

    def phrase_before(self, frame, cue_position: int, *, lenient: bool = False):
        """Subject of the verb at ``cue_position``. ``lenient``: the verb follows a quotation
        (`"...," the clown said`), where any noun phrase right after the quote is a speaker."""
        j = cue_position - 1
        while j >= 0 and not _is_quote(frame[j]) and frame[j].text.lower() in _AUXILIARIES:
            j -= 1
        if j >= 1 and not _is_quote(frame[j]) and frame[j].text.lower() == "as" and not (
                _is_quote(frame[j - 1])) and frame[j - 1].text.lower() == "quoted":
            j -= 2  # `X was quoted as saying`
            while j >= 0 and not _is_quote(frame[j]) and frame[j].text.lower() in _AUXILIARIES:
                j -= 1
        if j >= 0 and not _is_quote(frame[j]) and frame[j].text.lower() == "and":
            # `X welcomed the plan and said ...`: the verbs share a subject -- that of an
            # earlier reporting verb (found by the caller), else the clause's.
            if any(self.cue_at(frame, k) for k in range(max(0, j - _MAX_LOOKBACK), j)):
                return []
            return self.sentence_subject(frame, j)
        if j >= 1 and not _is_quote(frame[j]) and frame[j].text.lower() == "to":
            # `X goes on to criticise`, `X wanted to stress`: the subject of the first verb.
            k = j - 1
            while k >= 0 and not _is_quote(frame[k]) and frame[k].text.lower() in ("on", "up"):
                k -= 1
            if k >= 0 and not _is_quote(frame[k]) and frame[k].pos.startswith("VB"):
                j = k - 1
                while j >= 0 and not _is_quote(frame[j]) and (
                        frame[j].text.lower() in _AUXILIARIES):
                    j -= 1
        if j >= 0 and not _is_quote(frame[j]) and frame[j].text == ",":
            return self.phrase_before_comma(frame, j)
        phrase, j = self._np_before(frame, j)
        if phrase and self.after_preposition(frame, j):
            return []  # `has written to the watchdog accusing ...`: an object, not the subject
        # `X and Y said`: both names.
        if phrase and j >= 1 and not _is_quote(frame[j]) and frame[j].text.lower() == "and" \
                and is_capitalised(phrase[-1].text):
            earlier, _ = self._np_before(frame, j - 1)
            if earlier and is_capitalised(earlier[-1].text) and not is_possessive(
                    earlier[-1].text):
                phrase = earlier + [frame[j]] + phrase
        if not phrase and j >= 1 and not _is_quote(frame[j]) and frame[j].text.lower() in (
            "who", "which"
        ):  # `Ben Wallace who said ...`
            return self.phrase_before(frame, j)
        if phrase and phrase[0].text.lower() in _DETERMINERS and j >= 1 and not _is_quote(
                frame[j]) and frame[j].text == ",":
            name, _ = self._np_before(frame, j - 1)
            if name and is_capitalised(name[-1].text) and not is_possessive(name[-1].text):
                self.learn_role(name, phrase)
                return name  # `Jane Ross, a local candidate said`
        if lenient and phrase and frame.index(phrase[0]) <= 1:
            return phrase
        return phrase if self.is_speaker_phrase(phrase) else []

    def phrase_before_comma(self, frame, comma: int):
        """Subject before `, said`: skip appositives (`X, the defence secretary, said`,
        `X, 26, from Leeds, said`) or a relative clause (`X, who visited Kyiv, said`) back to
        the name before them (at most three comma-separated pieces)."""
        fallback: list = []
        for _ in range(3):
            k = comma - 1
            while k >= 0 and (_is_quote(frame[k]) or frame[k].text != ","):
                k -= 1  # an appositive may hold a quotation: `X, one of the "Y", told`
            if k < 0 or comma - k > _MAX_LOOKBACK:
                return fallback
            inserted = frame[k + 1:comma]
            first = inserted[0].text.lower() if inserted and not _is_quote(inserted[0]) else ""
            if inserted and all(not _is_quote(t) and t.is_word and is_capitalised(t.text)
                                for t in inserted) and (
                    first not in _FUNCTION_WORDS) and self.is_speaker_phrase(inserted):
                # `the spokesman for the Kremlin, Dmitry Peskov, said`: the name is the
                # subject -- unless it is a known person's appositive place (`Mr Johnson, MP
                # for Henley, Oxfordshire, said`), so a known person is looked for first.
                if self.registry.find([inserted[-1].text]) is not None:
                    return inserted
                fallback = fallback or inserted
            if first in ("who", "which"):
                return self.phrase_before(frame, k) or fallback
            name, before_name = self._np_before(frame, k - 1)
            if any(t.text in ("for", "of", "at") for t in name):
                name = []  # `MP for Easton`: a description, itself an appositive
            if name and is_capitalised(name[-1].text) and not is_possessive(name[-1].text) \
                    and name[-1].text.lower() not in _PRONOUNS and not self.after_preposition(
                        frame, before_name):
                if fallback and self.registry.find([name[-1].text]) is None:
                    return fallback
                self.learn_role(name, inserted)
                return name
            comma = k
        return fallback

    @staticmethod
    def after_preposition(frame, j: int) -> bool:
        """True when ``frame[j]`` is a preposition, so the noun phrase after it is its object
        (`In Leeds, ...`), not a subject."""
        return j >= 0 and not _is_quote(frame[j]) and frame[j].pos in ("IN", "TO") and (
            frame[j].text.lower() not in ("that", "as"))

    def learn_role(self, name, description) -> None:
        """`X, the defence secretary, said`: X has that role (definite descriptions only)."""
        if not description or _is_quote(description[0]) or (
                description[0].text.lower() not in _DETERMINERS) or (
                description[0].text.lower() in _INDEFINITE):
            return
        person = self.registry.find([name[-1].text])
        role = " ".join(strip_possessive(t.text).lower() for t in description[1:]
                        if not _is_quote(t) and t.is_word)
        if person is not None:
            self.registry.add_role(person, role)

    def phrase_after(self, frame, cue_position: int):
        phrase = []
        for item in frame[cue_position + 1:]:
            if _is_quote(item):
                break
            lowered = item.text.lower()
            if lowered in _PRONOUNS and not phrase:
                return [item]
            if phrase and lowered == "." and len(phrase[-1].text) == 1:
                continue  # an initial: `Heather C. Briccetti`
            if phrase and lowered == "and" and is_capitalised(phrase[-1].text):
                phrase.append(item)  # `said X and Y`
                continue
            if not item.is_word or (item.pos not in _NP_TAGS and lowered not in _DETERMINERS
                                    and not (phrase and is_capitalised(item.text))):
                break
            phrase.append(item)
        while phrase and phrase[-1].text.lower() == "and":
            phrase.pop()
        if all(t.text.lower() in _DETERMINERS for t in phrase):  # `adding that ...`
            return []
        return phrase if self.is_speaker_phrase(phrase) else []

    def is_speaker_phrase(self, phrase) -> bool:
        """A name, a pronoun or a person/body description; not a date, thing or possessive."""
        if not phrase:
            return False
        last = phrase[-1].text
        if last.lower() in _PRONOUNS:
            return True
        if is_possessive(last) or last.lower() in NOT_NAMES:
            return False
        if any(t.text[:1].isdigit() and t.text.lower().endswith("-year-old") for t in phrase):
            return True  # `the 14-year-old`
        words = [t.text for t in phrase if t.is_word]
        if any(w.lower() in self.role_nouns for w in words):
            return True
        if is_capitalised(last):
            return True
        return last.lower() in _PEOPLE_NOUNS

    def resolve(self, quote: Quotation, phrase, kind: str | None = None) -> bool:
        registry = self.registry
        body = self.article.body
        written = body[phrase[0].start:phrase[-1].end]
        quote.speaker_as_written = written
        offset = phrase[0].start
        if len(phrase) == 1 and phrase[0].text.lower() in _PRONOUNS:
            look_from = offset
            sentence = self.article.sentences[self.sentence_of(offset)]
            if sentence.start <= quote.start < offset:
                # `Mr Lee "did it," he said`: names before the quote belong to what was said.
                look_from = sentence.start
            resolved = registry.resolve_pronoun(phrase[0].text, look_from)
            if resolved:
                registry.mention_speaker(resolved, offset)
            quote.speaker = resolved or written
            quote.speaker_kind = kind or ("named" if resolved else "pronoun")
            return True
        words = [t.text for t in phrase]
        lowered = [w.lower() for w in words]
        tail = []
        for token in reversed(phrase):
            if not (token.is_word and is_capitalised(token.text)):
                break
            tail.insert(0, token)
        _, _, tail_name = registry.split_run(tail) if tail else ([], [], [])
        person_at_end = bool(tail_name) and len(tail) < len(phrase) and (
            phrase[-len(tail) - 1].text.lower() != "and") and (
            registry.find([tail_name[-1].text]) is not None
            or tail_name[0].text in registry.first_names)
        # `a spokeswoman for Acme`, `X and Y`: kept as written (unless a person ends it:
        # `director of research Jane Smith`).
        for i, word in enumerate(lowered if not person_at_end else []):
            if word in ("for", "of", "at") and i > 0 and lowered[i - 1] in self.role_nouns:
                quote.speaker = written[0].upper() + written[1:]
                quote.speaker_kind = kind or "unnamed"
                registry.add_unnamed(quote.speaker, offset, lowered[i - 1])
                return True
        if "and" in lowered and not person_at_end:
            quote.speaker, quote.speaker_kind = written, kind or "named"
            return True
        # A name at the right end of the phrase ("a televised speech Mr Putin") is the speaker.
        name = []
        for token in reversed(phrase):
            if token.is_word and is_capitalised(token.text) and not is_possessive(
                token.text
            ) and token.text.lower() not in self.role_nouns:
                name.insert(0, token)
            else:
                break
        name = [t for t in name if t.text.lower() not in _FUNCTION_WORDS]
        if name:
            titles, _, name_tokens = registry.split_run(name)
            name_tokens = name_tokens or name
            tokens = titles[-1:] + name_tokens
            text = body[name_tokens[0].start:name_tokens[-1].end]
            quote.speaker_as_written = body[name[0].start:name[-1].end]
            quote.speaker = registry.resolve_name([t.text for t in tokens], name[0].start, text)
            quote.speaker_kind = kind or "named"
            return True
        paragraph = phrase[0].paragraph
        resolved = registry.resolve_description(words, offset, paragraph,
                                                determiners=_DETERMINERS,
                                                indefinite=_INDEFINITE)
        if resolved:
            quote.speaker = resolved
            quote.speaker_kind = kind or "named"
            registry.mention_speaker(resolved, offset)
        else:
            quote.speaker = written[0].upper() + written[1:]
            quote.speaker_kind = kind or "unnamed"
            content = [w for w in lowered if w not in _DETERMINERS]
            if content:
                registry.add_unnamed(quote.speaker, offset, content[-1])
        return True


def attribute(article, quotations: list[Quotation]) -> Registry:
    """Fill ``cue``, ``speaker`` and ``kind`` of top-level quotations in place (text order);
    return the article's people registry."""
    attributor = _Attributor(article, quotations)
    attributor.run()
    return attributor.registry
