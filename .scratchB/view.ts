import sharp from 'sharp'
import { SharpFrameEncoder } from '../electron/main/platform/sharpFrameEncoder'
const W=2560,H=1440
const svg = Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}"><rect width="100%" height="100%" fill="#fff"/><text x="100" y="300" font-family="DejaVu Sans" font-size="15" fill="#1f1f1f">TypeError: Cannot read properties of undefined (reading 'map')</text><text x="100" y="322" font-family="DejaVu Sans" font-size="15" fill="#c62828">    at renderFlights (src/components/FlightList.vue:42:17)</text></svg>`)
const src = await sharp(svg).ensureAlpha().raw().toBuffer()
const out = await new SharpFrameEncoder().encode({width:W,height:H,data:new Uint8Array(src)},{longSide:1024,quality:80})
await sharp(Buffer.from(out.jpeg)).extract({left:30,top:105,width:300,height:30}).resize(1200, 120, {kernel:'nearest'}).png().toFile('/tmp/scratchB/crop1440.png')
