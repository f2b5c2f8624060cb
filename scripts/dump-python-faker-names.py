"""
Prints, as one JSON object, the person names and common words of the Python package Faker (MIT):
{"first": [...], "last": [...], "words": {"de": [...], ...}}. Input of scripts/build-phi-lexicons.ts.

  pip download --no-deps faker==40.63.0 && unzip faker-40.63.0-py3-none-any.whl -d pyfaker
  PYTHONPATH=pyfaker python3 scripts/dump-python-faker-names.py > pyfaker-names.json

Every locale's first-name and last-name attributes are taken (also the romanised ones of ja_JP,
zh_CN, zh_TW); the build script keeps the Latin-script words. Words: the lorem word lists of the
languages the bot reads or its users often write (de, es, fr, pl, it, nl).
"""
import importlib
import json
import pkgutil

import faker.providers.person as person

WORD_LOCALES = {"de": "de_DE", "es": "es_ES", "fr": "fr_FR", "pl": "pl_PL", "it": "it_IT", "nl": "nl_NL"}


def strings(value):
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [k for k in value.keys() if isinstance(k, str)]
    if isinstance(value, (list, tuple, set, frozenset)):
        return [s for v in value for s in strings(v)]
    return []


first, last = [], []
for info in sorted(pkgutil.iter_modules(person.__path__), key=lambda m: m.name):
    provider = importlib.import_module(f"faker.providers.person.{info.name}").Provider
    for attr in sorted(vars(provider)):
        if attr.startswith("_") or "prefix" in attr or "suffix" in attr:
            continue
        if attr.startswith("first_name") or attr.startswith("first_romanized_name"):
            first.extend(strings(getattr(provider, attr)))
        elif attr.startswith("last_name") or attr.startswith("last_romanized_name"):
            last.extend(strings(getattr(provider, attr)))

words = {}
for lang, locale in WORD_LOCALES.items():
    provider = importlib.import_module(f"faker.providers.lorem.{locale}").Provider
    words[lang] = strings(provider.word_list)

print(json.dumps({"first": first, "last": last, "words": words}, ensure_ascii=False))
