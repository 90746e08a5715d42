import re,difflib,sys
oldsrc=open('/tmp/h158-old/traces/replay_compare.c').read()
newsrc=open('/tmp/h158/traces/replay_compare.c').read()
ol=oldsrc.splitlines(True); nl=newsrc.splitlines(True)
ostart=[0];[ostart.append(ostart[-1]+len(l)) for l in ol]
nstart=[0];[nstart.append(nstart[-1]+len(l)) for l in nl]
omap={}
for tag,i1,i2,j1,j2 in difflib.SequenceMatcher(None,ol,nl,autojunk=False).get_opcodes():
    if tag=='equal':
        for k in range(i2-i1):
            omap[i1+k]=j1+k
    else: print(tag,i1+1,i2,j1+1,j2,file=sys.stderr)
def load(p):
    out=[]
    for l in open(p):
        l=l.rstrip('\n'); id_,f,fr,to,what=l.split('@@')
        if f!='traces/replay_compare.c': continue
        m=re.match(r'\\A\[\\s\\S\]\{(\d+)\}\\K(.*)',fr)
        out.append((id_,int(m.group(1)),m.group(2),to,l))
    return out
old=load('/tmp/h158-old/mutants.txt'); new=load('/tmp/h158/mutants-now.txt')
import bisect
newbykey={(n[1],n[2],n[3]):n for n in new}
used=set(); res={}
for o in old:
    line=bisect.bisect_right(ostart,o[1])-1
    if line in omap:
        off=o[1]-ostart[line]+nstart[omap[line]]
        n=newbykey[(off,o[2],o[3])]; used.add(n[0]); res[n[0]]=o[0]
    else: print('GONE',o[4],file=sys.stderr)
nxt=810
for n in new:
    id_=res.get(n[0])
    if id_ is None: id_='T%04d'%nxt; nxt+=1; print('NEW',id_,n[4].split('@@')[4],file=sys.stderr)
    print(id_+'@@'+n[4].split('@@',1)[1])
