// Written by scripts/icons.ts (npm run icons) with public/icons.svg: the sprite's URL, versioned.
export const ICON_SPRITE = "/icons.svg?v=d605aff4f8";
