// Draws the catalog's product illustrations into public/products/ (two views per product).
// Run after editing lib/catalog/products.json: node scripts/product-art.mjs
import fs from 'node:fs';
import path from 'node:path';

const products = JSON.parse(fs.readFileSync('lib/catalog/products.json', 'utf8'));
const out = path.resolve('public/products');
fs.mkdirSync(out, { recursive: true });

const METALS = {
  gold: ['#f6dc8c', '#c9962f', '#8a6212'],
  silver: ['#f4f5f7', '#b9bec6', '#6f7681'],
  rose: ['#f7d0c0', '#d5917a', '#94563f'],
};
const GEMS = {
  diamond: ['#ffffff', '#cfe8f5'], sapphire: ['#6d8cff', '#1d2f8f'], ruby: ['#ff6b7d', '#8e0d24'],
  emerald: ['#6fe0a4', '#0c6b3d'], pearl: ['#fffaf0', '#d9cdbb'], onyx: ['#5a5a66', '#0d0d12'],
};
const BACKDROPS = [['#f7f1ea', '#e9dfd3'], ['#eef1f4', '#d9dfe6']];

function defs(metal, gem, view, id) {
  const [m1, m2, m3] = METALS[metal];
  const [g1, g2] = GEMS[gem] ?? GEMS.diamond;
  const [b1, b2] = BACKDROPS[view];
  return `<defs>
<radialGradient id="bg${id}" cx="50%" cy="40%" r="75%"><stop offset="0" stop-color="${b1}"/><stop offset="1" stop-color="${b2}"/></radialGradient>
<linearGradient id="m${id}" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="${m1}"/><stop offset=".5" stop-color="${m2}"/><stop offset="1" stop-color="${m3}"/></linearGradient>
<radialGradient id="g${id}" cx="35%" cy="30%" r="70%"><stop offset="0" stop-color="${g1}"/><stop offset="1" stop-color="${g2}"/></radialGradient>
</defs>`;
}

const gemShape = (gem, x, y, r, id) =>
  gem === 'none'
    ? ''
    : gem === 'pearl' || gem === 'onyx'
      ? `<circle cx="${x}" cy="${y}" r="${r}" fill="url(#g${id})" stroke="#00000022"/>`
      : `<polygon points="${x},${y - r} ${x + r},${y} ${x},${y + r} ${x - r},${y}" fill="url(#g${id})" stroke="#ffffffaa" stroke-width="2"/>
<polygon points="${x},${y - r} ${x + r * 0.45},${y} ${x},${y + r} ${x - r * 0.45},${y}" fill="#ffffff33"/>`;

const DRAW = {
  rings: (gem, id, v) => `<ellipse cx="400" cy="${v ? 450 : 470}" rx="${v ? 190 : 170}" ry="${v ? 120 : 160}" fill="none" stroke="url(#m${id})" stroke-width="34"/>
${gemShape(gem, 400, v ? 320 : 300, v ? 78 : 62, id)}`,
  necklaces: (gem, id, v) => `<path d="M140 150 Q400 ${v ? 620 : 560} 660 150" fill="none" stroke="url(#m${id})" stroke-width="${v ? 10 : 7}" stroke-dasharray="${v ? '18 6' : '12 5'}"/>
<circle cx="400" cy="${v ? 395 : 365}" r="22" fill="none" stroke="url(#m${id})" stroke-width="8"/>
${gem === 'none' ? `<rect x="${v ? 330 : 345}" y="${v ? 415 : 385}" width="${v ? 140 : 110}" height="${v ? 140 : 110}" rx="40" fill="url(#m${id})"/>` : gemShape(gem, 400, v ? 490 : 450, v ? 80 : 62, id)}`,
  earrings: (gem, id, v, metal) =>
    [300, 500]
      .map((x) => `<circle cx="${x}" cy="220" r="26" fill="url(#m${id})"/>
<path d="M${x} 246 L${x} ${v ? 360 : 330}" stroke="${METALS[metal][1]}" stroke-width="8"/>
${gem === 'none' ? `<ellipse cx="${x}" cy="${v ? 470 : 430}" rx="70" ry="110" fill="none" stroke="url(#m${id})" stroke-width="18"/>` : gemShape(gem, x, v ? 430 : 400, v ? 70 : 58, id)}`)
      .join('\n'),
  bracelets: (gem, id, v) => `<ellipse cx="400" cy="420" rx="${v ? 250 : 230}" ry="${v ? 150 : 190}" fill="none" stroke="url(#m${id})" stroke-width="${v ? 22 : 28}"/>
${gem === 'none' ? '' : [-1, 0, 1].map((k) => gemShape(gem, 400 + k * 110, v ? 278 : 238 + Math.abs(k) * 30, 34, id)).join('\n')}`,
};

for (const p of products) {
  for (const view of [0, 1]) {
    const id = `${p.id}-${view}`;
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 800 800" width="800" height="800" role="img" aria-label="${p.images[view].alt}">
${defs(p.art.metal, p.art.gem, view, id)}
<rect width="800" height="800" fill="url(#bg${id})"/>
<ellipse cx="400" cy="690" rx="260" ry="26" fill="#00000014"/>
${DRAW[p.category](p.art.gem, id, view, p.art.metal)}
</svg>
`;
    fs.writeFileSync(path.join(out, `${p.slug}-${view + 1}.svg`), svg);
  }
}
console.log(`wrote ${products.length * 2} images to ${path.relative(process.cwd(), out)}`);
