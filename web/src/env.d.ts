// Stylesheets are imported for their side effect; Vite bundles them into a hashed .css file.
declare module '*.css' {}
