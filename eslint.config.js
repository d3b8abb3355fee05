// ESLint for the dashboard's own scripts (npm run lint): the overview component's script and the conference
// pack's. Vendored and generated files (plotly.min.js, world_50m.js, static/) are not ours to lint.
import js from "@eslint/js";
import globals from "globals";

export default [
  {ignores: ["node_modules/", ".venv/", "static/", "pack/assets/plotly.min.js", "pack/assets/world_50m.js", "tests/artifacts/"]},
  js.configs.recommended,
  {
    // A Streamlit v2 component's script: an ES module run in the page.
    files: ["ui/**/*.js"],
    languageOptions: {ecmaVersion: 2022, sourceType: "module", globals: globals.browser},
  },
  {
    // The pack's script: a classic script opened from file://, beside plotly's bundle (the global Plotly).
    files: ["pack/assets/pack.js"],
    languageOptions: {ecmaVersion: 2022, sourceType: "script", globals: {...globals.browser, Plotly: "readonly"}},
  },
  {
    files: ["eslint.config.js", "stylelint.config.js"],
    languageOptions: {ecmaVersion: 2022, sourceType: "module", globals: globals.node},
  },
];
