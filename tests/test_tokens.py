"""Bearer tokens: 256 random bits in 43 URL-safe characters, stored as their SHA-256."""

from core.tokens import hash_token, new_token, plausible


def test_a_token_is_43_url_safe_characters_and_never_repeats():
    tokens = {new_token() for _ in range(1000)}
    assert len(tokens) == 1000
    assert all(len(token) == 43 for token in tokens)
    assert all(
        set(token) <= set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
        for token in tokens
    )


def test_the_stored_hash_is_sha256_in_hex():
    assert hash_token("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"


def test_only_strings_of_a_sensible_length_are_looked_up():
    assert plausible("a" * 43)
    assert plausible("a" * 200)
    assert not plausible("a" * 201)
    assert not plausible("")
    assert not plausible(None)
    assert not plausible(b"bytes")
