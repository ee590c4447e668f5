import { build } from 'vite'
const out = await build({ configFile: false, logLevel: 'silent', build: { write: false, minify: false, lib: { entry: 'renderer/src/screen/frameGrabber.ts', formats: ['iife'], name: 'SightlineFrameGrabber', fileName: 'g' } } })
const outputs = Array.isArray(out) ? out : [out]
for (const o of outputs as any[]) for (const c of o.output) console.log(c.fileName, c.type, c.code?.length, c.code?.slice(0, 300))
