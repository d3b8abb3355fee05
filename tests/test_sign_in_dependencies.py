"""st.login (OpenID Connect, used when secrets.toml has an [auth] section) can load what it needs.

Streamlit's auth routes import Authlib's Starlette client at the first sign-in; that client needs httpx,
which only `streamlit[auth]` brings. Without it the first sign-in fails on a deployed server, not in tests.
"""
from streamlit.auth_util import is_authlib_installed


def test_the_openid_connect_client_streamlit_uses_loads_and_registers_a_provider():
    from authlib.integrations.starlette_client import OAuth  # what streamlit's starlette_auth_routes imports

    oauth = OAuth()
    oauth.register("provider", client_id="dashboard", client_secret="only-a-test",
                   server_metadata_url="https://login.example.org/.well-known/openid-configuration")
    assert type(oauth.create_client("provider")).__name__ == "StarletteOAuth2App"
    assert is_authlib_installed()
