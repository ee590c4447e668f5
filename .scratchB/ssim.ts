import sharp from 'sharp'
import { ssim } from 'ssim.js'
import { SharpFrameEncoder } from '../electron/main/platform/sharpFrameEncoder'
const lines = [
  ['#1f1f1f', "TypeError: Cannot read properties of undefined (reading 'map')"],
  ['#c62828', '    at renderFlights (src/components/FlightList.vue:42:17)'],
  ['#1f1f1f', 'LHR → JFK  09:40  BA 117   £432   1 stop   7h 55m'],
  ['#1a56db', 'https://example.com/checkout?step=2&seat=14C'],
  ['#5f6368', 'Settings  ›  Privacy and security  ›  Site settings'],
]
function svg(w: number, h: number, scale: number) {
  const size = 15 * scale
  const t = lines.map(([c, s], i) => `<text x="${100*scale}" y="${(300 + i*22)*scale}" font-family="DejaVu Sans" font-size="${size}" fill="${c}">${s!.replace(/&/g,'&amp;').replace(/</g,'&lt;')}</text>`).join('')
  return Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}"><rect width="100%" height="100%" fill="#ffffff"/>${t}</svg>`)
}
for (const [W,H] of [[1920,1080],[2560,1440],[3840,2160]] as const) {
  // text size scales with display scale factor? Keep 15 px at 1920, and HiDPI: 2560 → 15px too, 3840 → 15*2 (200% scaling) 
  const srcScale = W/1920
  for (const textScale of [1, srcScale]) {
    const src = await sharp(svg(W,H,textScale)).ensureAlpha().raw().toBuffer()
    const enc = new SharpFrameEncoder()
    const out = await enc.encode({width:W,height:H,data:new Uint8Array(src)}, {longSide:1024, quality:80})
    const s = out.width / W
    const ref = await sharp(svg(out.width, out.height, textScale*s)).ensureAlpha().raw().toBuffer()
    const dec = await sharp(Buffer.from(out.jpeg)).ensureAlpha().raw().toBuffer()
    let x0=1e9,y0=1e9,x1=0,y1=0
    for (let y=0;y<out.height;y++) for (let x=0;x<out.width;x++){const i=(y*out.width+x)*4; if(ref[i]!<250||ref[i+1]!<250||ref[i+2]!<250){x0=Math.min(x0,x);y0=Math.min(y0,y);x1=Math.max(x1,x);y1=Math.max(y1,y)}}
    const region = { left: x0-3, top: y0-3, width: x1-x0+7, height: y1-y0+7 }
    const crop = async (buf: Buffer, w: number, h: number) => { const d = await sharp(buf, {raw:{width:w,height:h,channels:4}}).extract(region).raw().toBuffer(); return { data: new Uint8ClampedArray(d), width: region.width, height: region.height } }
    const a = await crop(ref, out.width, out.height), b = await crop(dec, out.width, out.height)
    const r = ssim(a as any, b as any)
    // bad baseline: console-like 0.25 scale then back up
    const small = await sharp(src, {raw:{width:W,height:H,channels:4}}).resize(Math.round(W*0.25)).jpeg({quality:92}).toBuffer()
    const bad = await sharp(small).resize(out.width, out.height).ensureAlpha().raw().toBuffer()
    const rb = ssim(a as any, await crop(bad, out.width, out.height) as any)
    const nn = await sharp(src, {raw:{width:W,height:H,channels:4}}).resize(out.width, out.height, {kernel:'nearest'}).ensureAlpha().raw().toBuffer()
    const rn = ssim(a as any, await crop(nn, out.width, out.height) as any)
    const lowq = await sharp(src, {raw:{width:W,height:H,channels:4}}).resize(out.width, out.height).jpeg({quality:15}).toBuffer()
    const rl = ssim(a as any, await crop(await sharp(lowq).ensureAlpha().raw().toBuffer(), out.width, out.height) as any)
    const png = await sharp(src, {raw:{width:W,height:H,channels:4}}).resize(out.width, out.height).raw().toBuffer()
    const rp = ssim(a as any, await crop(png, out.width, out.height) as any)
    console.log(W, 'textScale', textScale, 'out', out.width, out.height, 'jpeg', out.jpeg.length, 'ssim ours', r.mssim.toFixed(3), 'lossless-resize', rp.mssim.toFixed(3), 'console0.25', rb.mssim.toFixed(3), 'nearest', rn.mssim.toFixed(3), 'q15', rl.mssim.toFixed(3))
  }
}
