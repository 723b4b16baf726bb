#!/bin/bash
URL=$(grep URL /work/wt-perf/.prof/db.log | awk '{print $2}')
cd /work/wt-perf && node -e "
const pg=require('pg');(async()=>{const c=new pg.Client({connectionString:process.argv[1]});await c.connect();const r=await c.query(process.argv[2]);for(const row of r.rows)console.log(Object.values(row).join(' | '));await c.end()})()" "$URL" "$1"
