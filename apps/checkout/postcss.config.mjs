// Tailwind CSS v4 through PostCSS; the theme and components come from @prood/ui.
export default { plugins: { '@tailwindcss/postcss': {} } };
