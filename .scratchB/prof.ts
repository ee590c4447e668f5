import sharp from 'sharp'
import { SyntheticScreen } from '../test/integration/media/syntheticScreen'
sharp.concurrency(1); sharp.cache(false)
const f = new SyntheticScreen(1920,1080,3).frame({caret:true})
const raw=()=>sharp(f.data,{raw:{width:1920,height:1080,channels:4}}).removeAlpha()
async function bench(name: string, fn: () => Promise<Buffer>, n=21){ const times: number[]=[]; let out: Buffer | undefined; for(let i=0;i<n;i++){const t=performance.now(); out=await fn(); times.push(performance.now()-t)} times.sort((a,b)=>a-b); console.log(name.padEnd(40), 'median', times[n>>1]!.toFixed(1), out?.length) }
for (let k=0;k<2;k++){
await bench('full lanczos3 optimise', ()=>raw().resize({width:1024,height:1024,fit:'inside',kernel:'lanczos3'}).jpeg({quality:80}).toBuffer())
await bench('full lanczos3 no optimise', ()=>raw().resize({width:1024,height:1024,fit:'inside',kernel:'lanczos3'}).jpeg({quality:80, optimiseCoding:false}).toBuffer())
await bench('resize lanczos3 raw', ()=>raw().resize({width:1024,height:1024,fit:'inside',kernel:'lanczos3'}).raw().toBuffer())
await bench('resize lanczos2 raw', ()=>raw().resize({width:1024,height:1024,fit:'inside',kernel:'lanczos2'}).raw().toBuffer())
await bench('resize linear raw', ()=>raw().resize({width:1024,height:1024,fit:'inside',kernel:'linear'}).raw().toBuffer())
await bench('removeAlpha only raw', ()=>raw().raw().toBuffer())
await bench('jpeg-only 1024 from raw1024', async ()=>{ return Buffer.alloc(0)})
}
const small = await raw().resize({width:1024,height:1024,fit:'inside'}).raw().toBuffer()
await bench('jpeg 1024 only', ()=>sharp(small,{raw:{width:1024,height:576,channels:3}}).jpeg({quality:80}).toBuffer())
await bench('jpeg 1024 only no optimise', ()=>sharp(small,{raw:{width:1024,height:576,channels:3}}).jpeg({quality:80, optimiseCoding:false}).toBuffer())
