; matmul_tiled(float32[:, :], float32[:, :], float32[:, :])
target datalayout = "e-i64:64-i128:128-v16:16-v32:32-n16:32:64"
target triple = "nvptx64-nvidia-cuda"

@shared_matmul_tiled_0_192 = internal addrspace(3) global [64 x float] undef, align 16
@shared_matmul_tiled_0_252 = internal addrspace(3) global [64 x float] undef, align 16

define void @matmul_tiled_0(i8* %arg50, i64 %arg51, i64 %arg52, i64 %arg53, i64 %arg54, i8* %arg55, i64 %arg56, i64 %arg57, i64 %arg58, i64 %arg59, i8* %arg60, i64 %arg61, i64 %arg62, i64 %arg63, i64 %arg64, i64* %err) {
entry:
  %slot1 = alloca i8*
  %slot2 = alloca i64
  %slot3 = alloca i64
  %slot4 = alloca i64
  %slot5 = alloca i64
  %slot6 = alloca i8*
  %slot7 = alloca i64
  %slot8 = alloca i64
  %slot9 = alloca i64
  %slot10 = alloca i64
  %slot11 = alloca i8*
  %slot12 = alloca i64
  %slot13 = alloca i64
  %slot14 = alloca i64
  %slot15 = alloca i64
  %slot16 = alloca i8*
  %slot17 = alloca i64
  %slot18 = alloca i64
  %slot19 = alloca i64
  %slot20 = alloca i64
  %slot21 = alloca i8*
  %slot22 = alloca i64
  %slot23 = alloca i64
  %slot24 = alloca i64
  %slot25 = alloca i64
  %slot26 = alloca i8*
  %slot27 = alloca i64
  %slot28 = alloca i64
  %slot29 = alloca i64
  %slot30 = alloca i64
  %slot31 = alloca i8*
  %slot32 = alloca i64
  %slot33 = alloca i64
  %slot34 = alloca i64
  %slot35 = alloca i64
  %slot36 = alloca i8*
  %slot37 = alloca i64
  %slot38 = alloca i64
  %slot39 = alloca i64
  %slot40 = alloca i64
  %slot41 = alloca i64
  %slot42 = alloca i64
  %slot43 = alloca i64
  %slot44 = alloca i64
  %slot45 = alloca i64
  %slot46 = alloca i64
  %slot47 = alloca float
  %slot48 = alloca i64
  %slot49 = alloca i64
  %counter118 = alloca i64
  %logic217 = alloca i1
  %logic331 = alloca i1
  %counter454 = alloca i64
  %logic560 = alloca i1
  store i8* %arg50, i8** %slot1
  store i64 %arg51, i64* %slot2
  store i64 %arg52, i64* %slot3
  store i64 %arg53, i64* %slot4
  store i64 %arg54, i64* %slot5
  store i8* %arg55, i8** %slot6
  store i64 %arg56, i64* %slot7
  store i64 %arg57, i64* %slot8
  store i64 %arg58, i64* %slot9
  store i64 %arg59, i64* %slot10
  store i8* %arg60, i8** %slot11
  store i64 %arg61, i64* %slot12
  store i64 %arg62, i64* %slot13
  store i64 %arg63, i64* %slot14
  store i64 %arg64, i64* %slot15
  br label %body
body:
  %v65 = load i8*, i8** %slot1
  %v66 = load i64, i64* %slot2
  %v67 = load i64, i64* %slot3
  %v68 = load i64, i64* %slot4
  %v69 = load i64, i64* %slot5
  store i8* %v65, i8** %slot16
  store i64 %v66, i64* %slot17
  store i64 %v67, i64* %slot18
  store i64 %v68, i64* %slot19
  store i64 %v69, i64* %slot20
  %v70 = load i8*, i8** %slot6
  %v71 = load i64, i64* %slot7
  %v72 = load i64, i64* %slot8
  %v73 = load i64, i64* %slot9
  %v74 = load i64, i64* %slot10
  store i8* %v70, i8** %slot21
  store i64 %v71, i64* %slot22
  store i64 %v72, i64* %slot23
  store i64 %v73, i64* %slot24
  store i64 %v74, i64* %slot25
  %v75 = load i8*, i8** %slot11
  %v76 = load i64, i64* %slot12
  %v77 = load i64, i64* %slot13
  %v78 = load i64, i64* %slot14
  %v79 = load i64, i64* %slot15
  store i8* %v75, i8** %slot26
  store i64 %v76, i64* %slot27
  store i64 %v77, i64* %slot28
  store i64 %v78, i64* %slot29
  store i64 %v79, i64* %slot30
  %shared80 = addrspacecast [64 x float] addrspace(3)* @shared_matmul_tiled_0_192 to i8*
  store i8* %shared80, i8** %slot31
  store i64 8, i64* %slot32
  store i64 8, i64* %slot33
  store i64 32, i64* %slot34
  store i64 4, i64* %slot35
  %shared81 = addrspacecast [64 x float] addrspace(3)* @shared_matmul_tiled_0_252 to i8*
  store i8* %shared81, i8** %slot36
  store i64 8, i64* %slot37
  store i64 8, i64* %slot38
  store i64 32, i64* %slot39
  store i64 4, i64* %slot40
  %sreg82 = call i32 @llvm.nvvm.read.ptx.sreg.ntid.x()
  %idx83 = zext i32 %sreg82 to i64
  %sreg84 = call i32 @llvm.nvvm.read.ptx.sreg.ctaid.x()
  %idx85 = zext i32 %sreg84 to i64
  %mul86 = mul i64 %idx83, %idx85
  %sreg87 = call i32 @llvm.nvvm.read.ptx.sreg.tid.x()
  %idx88 = zext i32 %sreg87 to i64
  %add89 = add i64 %mul86, %idx88
  %sreg90 = call i32 @llvm.nvvm.read.ptx.sreg.ntid.y()
  %idx91 = zext i32 %sreg90 to i64
  %sreg92 = call i32 @llvm.nvvm.read.ptx.sreg.ctaid.y()
  %idx93 = zext i32 %sreg92 to i64
  %mul94 = mul i64 %idx91, %idx93
  %sreg95 = call i32 @llvm.nvvm.read.ptx.sreg.tid.y()
  %idx96 = zext i32 %sreg95 to i64
  %add97 = add i64 %mul94, %idx96
  store i64 %add89, i64* %slot41
  store i64 %add97, i64* %slot42
  %v98 = load i64, i64* %slot41
  %v99 = load i64, i64* %slot42
  store i64 %v98, i64* %slot43
  %v100 = load i64, i64* %slot41
  %v101 = load i64, i64* %slot42
  store i64 %v101, i64* %slot44
  %sreg102 = call i32 @llvm.nvvm.read.ptx.sreg.tid.x()
  %idx103 = zext i32 %sreg102 to i64
  store i64 %idx103, i64* %slot45
  %sreg104 = call i32 @llvm.nvvm.read.ptx.sreg.tid.y()
  %idx105 = zext i32 %sreg104 to i64
  store i64 %idx105, i64* %slot46
  %cvt106 = fptrunc double 0x0000000000000000 to float
  store float %cvt106, float* %slot47
  %sreg107 = call i32 @llvm.nvvm.read.ptx.sreg.nctaid.x()
  %idx108 = zext i32 %sreg107 to i64
  %stepzero109 = icmp eq i64 1, 0
  br i1 %stepzero109, label %fail110, label %ok111, !prof !{!"branch_weights", i32 1, i32 2000}
fail110:
  %claim112 = cmpxchg i64* %err, i64 0, i64 10 seq_cst seq_cst
  %won113 = extractvalue { i64, i1 } %claim112, 1
  br i1 %won113, label %record114, label %exit115
record114:
  %field116 = getelementptr i64, i64* %err, i64 1
  store volatile i64 0, i64* %field116
  %field117 = getelementptr i64, i64* %err, i64 2
  store volatile i64 406, i64* %field117
  br label %exit115
exit115:
  call void @llvm.nvvm.membar.gl()
  call void asm sideeffect "exit;", ""()
  unreachable
ok111:
  store i64 0, i64* %counter118
  br label %for119
for119:
  %i124 = load i64, i64* %counter118
  %up125 = icmp sgt i64 1, 0
  %lt126 = icmp slt i64 %i124, %idx108
  %gt127 = icmp sgt i64 %i124, %idx108
  %go128 = select i1 %up125, i1 %lt126, i1 %gt127
  br i1 %go128, label %forbody120, label %forelse122
forbody120:
  store i64 %i124, i64* %slot48
  %v129 = load i8*, i8** %slot31
  %v130 = load i64, i64* %slot32
  %v131 = load i64, i64* %slot33
  %v132 = load i64, i64* %slot34
  %v133 = load i64, i64* %slot35
  %v134 = load i64, i64* %slot45
  %v135 = load i64, i64* %slot46
  %cvt136 = sitofp i64 0 to float
  %neg137 = icmp slt i64 %v134, 0
  %wrap138 = add i64 %v134, %v130
  %k139 = select i1 %neg137, i64 %wrap138, i64 %v134
  %oob140 = icmp uge i64 %k139, %v130
  br i1 %oob140, label %fail141, label %ok142, !prof !{!"branch_weights", i32 1, i32 2000}
fail141:
  %claim143 = cmpxchg i64* %err, i64 0, i64 1 seq_cst seq_cst
  %won144 = extractvalue { i64, i1 } %claim143, 1
  br i1 %won144, label %record145, label %exit146
record145:
  %field147 = getelementptr i64, i64* %err, i64 1
  store volatile i64 0, i64* %field147
  %field148 = getelementptr i64, i64* %err, i64 2
  store volatile i64 446, i64* %field148
  %field149 = getelementptr i64, i64* %err, i64 3
  store volatile i64 %v134, i64* %field149
  %field150 = getelementptr i64, i64* %err, i64 4
  store volatile i64 0, i64* %field150
  %field151 = getelementptr i64, i64* %err, i64 5
  store volatile i64 %v130, i64* %field151
  br label %exit146
exit146:
  call void @llvm.nvvm.membar.gl()
  call void asm sideeffect "exit;", ""()
  unreachable
ok142:
  %term152 = mul i64 %k139, %v132
  %off153 = add i64 0, %term152
  %neg154 = icmp slt i64 %v135, 0
  %wrap155 = add i64 %v135, %v131
  %k156 = select i1 %neg154, i64 %wrap155, i64 %v135
  %oob157 = icmp uge i64 %k156, %v131
  br i1 %oob157, label %fail158, label %ok159, !prof !{!"branch_weights", i32 1, i32 2000}
fail158:
  %claim160 = cmpxchg i64* %err, i64 0, i64 1 seq_cst seq_cst
  %won161 = extractvalue { i64, i1 } %claim160, 1
  br i1 %won161, label %record162, label %exit163
record162:
  %field164 = getelementptr i64, i64* %err, i64 1
  store volatile i64 0, i64* %field164
  %field165 = getelementptr i64, i64* %err, i64 2
  store volatile i64 446, i64* %field165
  %field166 = getelementptr i64, i64* %err, i64 3
  store volatile i64 %v135, i64* %field166
  %field167 = getelementptr i64, i64* %err, i64 4
  store volatile i64 1, i64* %field167
  %field168 = getelementptr i64, i64* %err, i64 5
  store volatile i64 %v131, i64* %field168
  br label %exit163
exit163:
  call void @llvm.nvvm.membar.gl()
  call void asm sideeffect "exit;", ""()
  unreachable
ok159:
  %term169 = mul i64 %k156, %v133
  %off170 = add i64 %off153, %term169
  %byte171 = getelementptr inbounds i8, i8* %v129, i64 %off170
  %elem172 = bitcast i8* %byte171 to float*
  store float %cvt136, float* %elem172
  %v173 = load i8*, i8** %slot36
  %v174 = load i64, i64* %slot37
  %v175 = load i64, i64* %slot38
  %v176 = load i64, i64* %slot39
  %v177 = load i64, i64* %slot40
  %v178 = load i64, i64* %slot45
  %v179 = load i64, i64* %slot46
  %cvt180 = sitofp i64 0 to float
  %neg181 = icmp slt i64 %v178, 0
  %wrap182 = add i64 %v178, %v174
  %k183 = select i1 %neg181, i64 %wrap182, i64 %v178
  %oob184 = icmp uge i64 %k183, %v174
  br i1 %oob184, label %fail185, label %ok186, !prof !{!"branch_weights", i32 1, i32 2000}
fail185:
  %claim187 = cmpxchg i64* %err, i64 0, i64 1 seq_cst seq_cst
  %won188 = extractvalue { i64, i1 } %claim187, 1
  br i1 %won188, label %record189, label %exit190
record189:
  %field191 = getelementptr i64, i64* %err, i64 1
  store volatile i64 0, i64* %field191
  %field192 = getelementptr i64, i64* %err, i64 2
  store volatile i64 469, i64* %field192
  %field193 = getelementptr i64, i64* %err, i64 3
  store volatile i64 %v178, i64* %field193
  %field194 = getelementptr i64, i64* %err, i64 4
  store volatile i64 0, i64* %field194
  %field195 = getelementptr i64, i64* %err, i64 5
  store volatile i64 %v174, i64* %field195
  br label %exit190
exit190:
  call void @llvm.nvvm.membar.gl()
  call void asm sideeffect "exit;", ""()
  unreachable
ok186:
  %term196 = mul i64 %k183, %v176
  %off197 = add i64 0, %term196
  %neg198 = icmp slt i64 %v179, 0
  %wrap199 = add i64 %v179, %v175
  %k200 = select i1 %neg198, i64 %wrap199, i64 %v179
  %oob201 = icmp uge i64 %k200, %v175
  br i1 %oob201, label %fail202, label %ok203, !prof !{!"branch_weights", i32 1, i32 2000}
fail202:
  %claim204 = cmpxchg i64* %err, i64 0, i64 1 seq_cst seq_cst
  %won205 = extractvalue { i64, i1 } %claim204, 1
  br i1 %won205, label %record206, label %exit207
record206:
  %field208 = getelementptr i64, i64* %err, i64 1
  store volatile i64 0, i64* %field208
  %field209 = getelementptr i64, i64* %err, i64 2
  store volatile i64 469, i64* %field209
  %field210 = getelementptr i64, i64* %err, i64 3
  store volatile i64 %v179, i64* %field210
  %field211 = getelementptr i64, i64* %err, i64 4
  store volatile i64 1, i64* %field211
  %field212 = getelementptr i64, i64* %err, i64 5
  store volatile i64 %v175, i64* %field212
  br label %exit207
exit207:
  call void @llvm.nvvm.membar.gl()
  call void asm sideeffect "exit;", ""()
  unreachable
ok203:
  %term213 = mul i64 %k200, %v177
  %off214 = add i64 %off197, %term213
  %byte215 = getelementptr inbounds i8, i8* %v173, i64 %off214
  %elem216 = bitcast i8* %byte215 to float*
  store float %cvt180, float* %elem216
  %v218 = load i64, i64* %slot43
  %v219 = load i8*, i8** %slot16
  %v220 = load i64, i64* %slot17
  %v221 = load i64, i64* %slot18
  %v222 = load i64, i64* %slot19
  %v223 = load i64, i64* %slot20
  %cmp224 = icmp slt i64 %v218, %v220
  store i1 %cmp224, i1* %logic217
  br i1 %cmp224, label %rhs225, label %logicend226
rhs225:
  %v227 = load i64, i64* %slot46
  %v228 = load i64, i64* %slot48
  %mul229 = mul i64 %v228, 8
  %add230 = add i64 %v227, %mul229
  %v231 = load i8*, i8** %slot16
  %v232 = load i64, i64* %slot17
  %v233 = load i64, i64* %slot18
  %v234 = load i64, i64* %slot19
  %v235 = load i64, i64* %slot20
  %cmp236 = icmp slt i64 %add230, %v233
  store i1 %cmp236, i1* %logic217
  br label %logicend226
logicend226:
  %logic237 = load i1, i1* %logic217
  br i1 %logic237, label %then238, label %else239
then238:
  %v241 = load i8*, i8** %slot31
  %v242 = load i64, i64* %slot32
  %v243 = load i64, i64* %slot33
  %v244 = load i64, i64* %slot34
  %v245 = load i64, i64* %slot35
  %v246 = load i64, i64* %slot45
  %v247 = load i64, i64* %slot46
  %v248 = load i8*, i8** %slot16
  %v249 = load i64, i64* %slot17
  %v250 = load i64, i64* %slot18
  %v251 = load i64, i64* %slot19
  %v252 = load i64, i64* %slot20
  %v253 = load i64, i64* %slot43
  %v254 = load i64, i64* %slot46
  %v255 = load i64, i64* %slot48
  %mul256 = mul i64 %v255, 8
  %add257 = add i64 %v254, %mul256
  %neg258 = icmp slt i64 %v253, 0
  %wrap259 = add i64 %v253, %v249
  %k260 = select i1 %neg258, i64 %wrap259, i64 %v253
  %oob261 = icmp uge i64 %k260, %v249
  br i1 %oob261, label %fail262, label %ok263, !prof !{!"branch_weights", i32 1, i32 2000}
fail262:
  %claim264 = cmpxchg i64* %err, i64 0, i64 1 seq_cst seq_cst
  %won265 = extractvalue { i64, i1 } %claim264, 1
  br i1 %won265, label %record266, label %exit267
record266:
  %field268 = getelementptr i64, i64* %err, i64 1
  store volatile i64 0, i64* %field268
  %field269 = getelementptr i64, i64* %err, i64 2
  store volatile i64 566, i64* %field269
  %field270 = getelementptr i64, i64* %err, i64 3
  store volatile i64 %v253, i64* %field270
  %field271 = getelementptr i64, i64* %err, i64 4
  store volatile i64 0, i64* %field271
  %field272 = getelementptr i64, i64* %err, i64 5
  store volatile i64 %v249, i64* %field272
  br label %exit267
exit267:
  call void @llvm.nvvm.membar.gl()
  call void asm sideeffect "exit;", ""()
  unreachable
ok263:
  %term273 = mul i64 %k260, %v251
  %off274 = add i64 0, %term273
  %neg275 = icmp slt i64 %add257, 0
  %wrap276 = add i64 %add257, %v250
  %k277 = select i1 %neg275, i64 %wrap276, i64 %add257
  %oob278 = icmp uge i64 %k277, %v250
  br i1 %oob278, label %fail279, label %ok280, !prof !{!"branch_weights", i32 1, i32 2000}
fail279:
  %claim281 = cmpxchg i64* %err, i64 0, i64 1 seq_cst seq_cst
  %won282 = extractvalue { i64, i1 } %claim281, 1
  br i1 %won282, label %record283, label %exit284
record283:
  %field285 = getelementptr i64, i64* %err, i64 1
  store volatile i64 0, i64* %field285
  %field286 = getelementptr i64, i64* %err, i64 2
  store volatile i64 566, i64* %field286
  %field287 = getelementptr i64, i64* %err, i64 3
  store volatile i64 %add257, i64* %field287
  %field288 = getelementptr i64, i64* %err, i64 4
  store volatile i64 1, i64* %field288
  %field289 = getelementptr i64, i64* %err, i64 5
  store volatile i64 %v250, i64* %field289
  br label %exit284
exit284:
  call void @llvm.nvvm.membar.gl()
  call void asm sideeffect "exit;", ""()
  unreachable
ok280:
  %term290 = mul i64 %k277, %v252
  %off291 = add i64 %off274, %term290
  %byte292 = getelementptr inbounds i8, i8* %v248, i64 %off291
  %elem293 = bitcast i8* %byte292 to float*
  %ld294 = load float, float* %elem293
  %neg295 = icmp slt i64 %v246, 0
  %wrap296 = add i64 %v246, %v242
  %k297 = select i1 %neg295, i64 %wrap296, i64 %v246
  %oob298 = icmp uge i64 %k297, %v242
  br i1 %oob298, label %fail299, label %ok300, !prof !{!"branch_weights", i32 1, i32 2000}
fail299:
  %claim301 = cmpxchg i64* %err, i64 0, i64 1 seq_cst seq_cst
  %won302 = extractvalue { i64, i1 } %claim301, 1
  br i1 %won302, label %record303, label %exit304
record303:
  %field305 = getelementptr i64, i64* %err, i64 1
  store volatile i64 0, i64* %field305
  %field306 = getelementptr i64, i64* %err, i64 2
  store volatile i64 553, i64* %field306
  %field307 = getelementptr i64, i64* %err, i64 3
  store volatile i64 %v246, i64* %field307
  %field308 = getelementptr i64, i64* %err, i64 4
  store volatile i64 0, i64* %field308
  %field309 = getelementptr i64, i64* %err, i64 5
  store volatile i64 %v242, i64* %field309
  br label %exit304
exit304:
  call void @llvm.nvvm.membar.gl()
  call void asm sideeffect "exit;", ""()
  unreachable
ok300:
  %term310 = mul i64 %k297, %v244
  %off311 = add i64 0, %term310
  %neg312 = icmp slt i64 %v247, 0
  %wrap313 = add i64 %v247, %v243
  %k314 = select i1 %neg312, i64 %wrap313, i64 %v247
  %oob315 = icmp uge i64 %k314, %v243
  br i1 %oob315, label %fail316, label %ok317, !prof !{!"branch_weights", i32 1, i32 2000}
fail316:
  %claim318 = cmpxchg i64* %err, i64 0, i64 1 seq_cst seq_cst
  %won319 = extractvalue { i64, i1 } %claim318, 1
  br i1 %won319, label %record320, label %exit321
record320:
  %field322 = getelementptr i64, i64* %err, i64 1
  store volatile i64 0, i64* %field322
  %field323 = getelementptr i64, i64* %err, i64 2
  store volatile i64 553, i64* %field323
  %field324 = getelementptr i64, i64* %err, i64 3
  store volatile i64 %v247, i64* %field324
  %field325 = getelementptr i64, i64* %err, i64 4
  store volatile i64 1, i64* %field325
  %field326 = getelementptr i64, i64* %err, i64 5
  store volatile i64 %v243, i64* %field326
  br label %exit321
exit321:
  call void @llvm.nvvm.membar.gl()
  call void asm sideeffect "exit;", ""()
  unreachable
ok317:
  %term327 = mul i64 %k314, %v245
  %off328 = add i64 %off311, %term327
  %byte329 = getelementptr inbounds i8, i8* %v241, i64 %off328
  %elem330 = bitcast i8* %byte329 to float*
  store float %ld294, float* %elem330
  br label %endif240
else239:
  br label %endif240
endif240:
  %v332 = load i64, i64* %slot44
  %v333 = load i8*, i8** %slot21
  %v334 = load i64, i64* %slot22
  %v335 = load i64, i64* %slot23
  %v336 = load i64, i64* %slot24
  %v337 = load i64, i64* %slot25
  %cmp338 = icmp slt i64 %v332, %v335
  store i1 %cmp338, i1* %logic331
  br i1 %cmp338, label %rhs339, label %logicend340
rhs339:
  %v341 = load i64, i64* %slot45
  %v342 = load i64, i64* %slot48
  %mul343 = mul i64 %v342, 8
  %add344 = add i64 %v341, %mul343
  %v345 = load i8*, i8** %slot21
  %v346 = load i64, i64* %slot22
  %v347 = load i64, i64* %slot23
  %v348 = load i64, i64* %slot24
  %v349 = load i64, i64* %slot25
  %cmp350 = icmp slt i64 %add344, %v346
  store i1 %cmp350, i1* %logic331
  br label %logicend340
logicend340:
  %logic351 = load i1, i1* %logic331
  br i1 %logic351, label %then352, label %else353
then352:
  %v355 = load i8*, i8** %slot36
  %v356 = load i64, i64* %slot37
  %v357 = load i64, i64* %slot38
  %v358 = load i64, i64* %slot39
  %v359 = load i64, i64* %slot40
  %v360 = load i64, i64* %slot45
  %v361 = load i64, i64* %slot46
  %v362 = load i8*, i8** %slot21
  %v363 = load i64, i64* %slot22
  %v364 = load i64, i64* %slot23
  %v365 = load i64, i64* %slot24
  %v366 = load i64, i64* %slot25
  %v367 = load i64, i64* %slot45
  %v368 = load i64, i64* %slot48
  %mul369 = mul i64 %v368, 8
  %add370 = add i64 %v367, %mul369
  %v371 = load i64, i64* %slot44
  %neg372 = icmp slt i64 %add370, 0
  %wrap373 = add i64 %add370, %v363
  %k374 = select i1 %neg372, i64 %wrap373, i64 %add370
  %oob375 = icmp uge i64 %k374, %v363
  br i1 %oob375, label %fail376, label %ok377, !prof !{!"branch_weights", i32 1, i32 2000}
fail376:
  %claim378 = cmpxchg i64* %err, i64 0, i64 1 seq_cst seq_cst
  %won379 = extractvalue { i64, i1 } %claim378, 1
  br i1 %won379, label %record380, label %exit381
record380:
  %field382 = getelementptr i64, i64* %err, i64 1
  store volatile i64 0, i64* %field382
  %field383 = getelementptr i64, i64* %err, i64 2
  store volatile i64 667, i64* %field383
  %field384 = getelementptr i64, i64* %err, i64 3
  store volatile i64 %add370, i64* %field384
  %field385 = getelementptr i64, i64* %err, i64 4
  store volatile i64 0, i64* %field385
  %field386 = getelementptr i64, i64* %err, i64 5
  store volatile i64 %v363, i64* %field386
  br label %exit381
exit381:
  call void @llvm.nvvm.membar.gl()
  call void asm sideeffect "exit;", ""()
  unreachable
ok377:
  %term387 = mul i64 %k374, %v365
  %off388 = add i64 0, %term387
  %neg389 = icmp slt i64 %v371, 0
  %wrap390 = add i64 %v371, %v364
  %k391 = select i1 %neg389, i64 %wrap390, i64 %v371
  %oob392 = icmp uge i64 %k391, %v364
  br i1 %oob392, label %fail393, label %ok394, !prof !{!"branch_weights", i32 1, i32 2000}
fail393:
  %claim395 = cmpxchg i64* %err, i64 0, i64 1 seq_cst seq_cst
  %won396 = extractvalue { i64, i1 } %claim395, 1
  br i1 %won396, label %record397, label %exit398
record397:
  %field399 = getelementptr i64, i64* %err, i64 1
  store volatile i64 0, i64* %field399
  %field400 = getelementptr i64, i64* %err, i64 2
  store volatile i64 667, i64* %field400
  %field401 = getelementptr i64, i64* %err, i64 3
  store volatile i64 %v371, i64* %field401
  %field402 = getelementptr i64, i64* %err, i64 4
  store volatile i64 1, i64* %field402
  %field403 = getelementptr i64, i64* %err, i64 5
  store volatile i64 %v364, i64* %field403
  br label %exit398
exit398:
  call void @llvm.nvvm.membar.gl()
  call void asm sideeffect "exit;", ""()
  unreachable
ok394:
  %term404 = mul i64 %k391, %v366
  %off405 = add i64 %off388, %term404
  %byte406 = getelementptr inbounds i8, i8* %v362, i64 %off405
  %elem407 = bitcast i8* %byte406 to float*
  %ld408 = load float, float* %elem407
  %neg409 = icmp slt i64 %v360, 0
  %wrap410 = add i64 %v360, %v356
  %k411 = select i1 %neg409, i64 %wrap410, i64 %v360
  %oob412 = icmp uge i64 %k411, %v356
  br i1 %oob412, label %fail413, label %ok414, !prof !{!"branch_weights", i32 1, i32 2000}
fail413:
  %claim415 = cmpxchg i64* %err, i64 0, i64 1 seq_cst seq_cst
  %won416 = extractvalue { i64, i1 } %claim415, 1
  br i1 %won416, label %record417, label %exit418
record417:
  %field419 = getelementptr i64, i64* %err, i64 1
  store volatile i64 0, i64* %field419
  %field420 = getelementptr i64, i64* %err, i64 2
  store volatile i64 654, i64* %field420
  %field421 = getelementptr i64, i64* %err, i64 3
  store volatile i64 %v360, i64* %field421
  %field422 = getelementptr i64, i64* %err, i64 4
  store volatile i64 0, i64* %field422
  %field423 = getelementptr i64, i64* %err, i64 5
  store volatile i64 %v356, i64* %field423
  br label %exit418
exit418:
  call void @llvm.nvvm.membar.gl()
  call void asm sideeffect "exit;", ""()
  unreachable
ok414:
  %term424 = mul i64 %k411, %v358
  %off425 = add i64 0, %term424
  %neg426 = icmp slt i64 %v361, 0
  %wrap427 = add i64 %v361, %v357
  %k428 = select i1 %neg426, i64 %wrap427, i64 %v361
  %oob429 = icmp uge i64 %k428, %v357
  br i1 %oob429, label %fail430, label %ok431, !prof !{!"branch_weights", i32 1, i32 2000}
fail430:
  %claim432 = cmpxchg i64* %err, i64 0, i64 1 seq_cst seq_cst
  %won433 = extractvalue { i64, i1 } %claim432, 1
  br i1 %won433, label %record434, label %exit435
record434:
  %field436 = getelementptr i64, i64* %err, i64 1
  store volatile i64 0, i64* %field436
  %field437 = getelementptr i64, i64* %err, i64 2
  store volatile i64 654, i64* %field437
  %field438 = getelementptr i64, i64* %err, i64 3
  store volatile i64 %v361, i64* %field438
  %field439 = getelementptr i64, i64* %err, i64 4
  store volatile i64 1, i64* %field439
  %field440 = getelementptr i64, i64* %err, i64 5
  store volatile i64 %v357, i64* %field440
  br label %exit435
exit435:
  call void @llvm.nvvm.membar.gl()
  call void asm sideeffect "exit;", ""()
  unreachable
ok431:
  %term441 = mul i64 %k428, %v359
  %off442 = add i64 %off425, %term441
  %byte443 = getelementptr inbounds i8, i8* %v355, i64 %off442
  %elem444 = bitcast i8* %byte443 to float*
  store float %ld408, float* %elem444
  br label %endif354
else353:
  br label %endif354
endif354:
  call void @llvm.nvvm.barrier0()
  %stepzero445 = icmp eq i64 1, 0
  br i1 %stepzero445, label %fail446, label %ok447, !prof !{!"branch_weights", i32 1, i32 2000}
fail446:
  %claim448 = cmpxchg i64* %err, i64 0, i64 10 seq_cst seq_cst
  %won449 = extractvalue { i64, i1 } %claim448, 1
  br i1 %won449, label %record450, label %exit451
record450:
  %field452 = getelementptr i64, i64* %err, i64 1
  store volatile i64 0, i64* %field452
  %field453 = getelementptr i64, i64* %err, i64 2
  store volatile i64 721, i64* %field453
  br label %exit451
exit451:
  call void @llvm.nvvm.membar.gl()
  call void asm sideeffect "exit;", ""()
  unreachable
ok447:
  store i64 0, i64* %counter454
  br label %for455
for455:
  %i460 = load i64, i64* %counter454
  %up461 = icmp sgt i64 1, 0
  %lt462 = icmp slt i64 %i460, 8
  %gt463 = icmp sgt i64 %i460, 8
  %go464 = select i1 %up461, i1 %lt462, i1 %gt463
  br i1 %go464, label %forbody456, label %forelse458
forbody456:
  store i64 %i460, i64* %slot49
  %v465 = load float, float* %slot47
  %v466 = load i8*, i8** %slot31
  %v467 = load i64, i64* %slot32
  %v468 = load i64, i64* %slot33
  %v469 = load i64, i64* %slot34
  %v470 = load i64, i64* %slot35
  %v471 = load i64, i64* %slot45
  %v472 = load i64, i64* %slot49
  %neg473 = icmp slt i64 %v471, 0
  %wrap474 = add i64 %v471, %v467
  %k475 = select i1 %neg473, i64 %wrap474, i64 %v471
  %oob476 = icmp uge i64 %k475, %v467
  br i1 %oob476, label %fail477, label %ok478, !prof !{!"branch_weights", i32 1, i32 2000}
fail477:
  %claim479 = cmpxchg i64* %err, i64 0, i64 1 seq_cst seq_cst
  %won480 = extractvalue { i64, i1 } %claim479, 1
  br i1 %won480, label %record481, label %exit482
record481:
  %field483 = getelementptr i64, i64* %err, i64 1
  store volatile i64 0, i64* %field483
  %field484 = getelementptr i64, i64* %err, i64 2
  store volatile i64 761, i64* %field484
  %field485 = getelementptr i64, i64* %err, i64 3
  store volatile i64 %v471, i64* %field485
  %field486 = getelementptr i64, i64* %err, i64 4
  store volatile i64 0, i64* %field486
  %field487 = getelementptr i64, i64* %err, i64 5
  store volatile i64 %v467, i64* %field487
  br label %exit482
exit482:
  call void @llvm.nvvm.membar.gl()
  call void asm sideeffect "exit;", ""()
  unreachable
ok478:
  %term488 = mul i64 %k475, %v469
  %off489 = add i64 0, %term488
  %neg490 = icmp slt i64 %v472, 0
  %wrap491 = add i64 %v472, %v468
  %k492 = select i1 %neg490, i64 %wrap491, i64 %v472
  %oob493 = icmp uge i64 %k492, %v468
  br i1 %oob493, label %fail494, label %ok495, !prof !{!"branch_weights", i32 1, i32 2000}
fail494:
  %claim496 = cmpxchg i64* %err, i64 0, i64 1 seq_cst seq_cst
  %won497 = extractvalue { i64, i1 } %claim496, 1
  br i1 %won497, label %record498, label %exit499
record498:
  %field500 = getelementptr i64, i64* %err, i64 1
  store volatile i64 0, i64* %field500
  %field501 = getelementptr i64, i64* %err, i64 2
  store volatile i64 761, i64* %field501
  %field502 = getelementptr i64, i64* %err, i64 3
  store volatile i64 %v472, i64* %field502
  %field503 = getelementptr i64, i64* %err, i64 4
  store volatile i64 1, i64* %field503
  %field504 = getelementptr i64, i64* %err, i64 5
  store volatile i64 %v468, i64* %field504
  br label %exit499
exit499:
  call void @llvm.nvvm.membar.gl()
  call void asm sideeffect "exit;", ""()
  unreachable
ok495:
  %term505 = mul i64 %k492, %v470
  %off506 = add i64 %off489, %term505
  %byte507 = getelementptr inbounds i8, i8* %v466, i64 %off506
  %elem508 = bitcast i8* %byte507 to float*
  %ld509 = load float, float* %elem508
  %v510 = load i8*, i8** %slot36
  %v511 = load i64, i64* %slot37
  %v512 = load i64, i64* %slot38
  %v513 = load i64, i64* %slot39
  %v514 = load i64, i64* %slot40
  %v515 = load i64, i64* %slot49
  %v516 = load i64, i64* %slot46
  %neg517 = icmp slt i64 %v515, 0
  %wrap518 = add i64 %v515, %v511
  %k519 = select i1 %neg517, i64 %wrap518, i64 %v515
  %oob520 = icmp uge i64 %k519, %v511
  br i1 %oob520, label %fail521, label %ok522, !prof !{!"branch_weights", i32 1, i32 2000}
fail521:
  %claim523 = cmpxchg i64* %err, i64 0, i64 1 seq_cst seq_cst
  %won524 = extractvalue { i64, i1 } %claim523, 1
  br i1 %won524, label %record525, label %exit526
record525:
  %field527 = getelementptr i64, i64* %err, i64 1
  store volatile i64 0, i64* %field527
  %field528 = getelementptr i64, i64* %err, i64 2
  store volatile i64 773, i64* %field528
  %field529 = getelementptr i64, i64* %err, i64 3
  store volatile i64 %v515, i64* %field529
  %field530 = getelementptr i64, i64* %err, i64 4
  store volatile i64 0, i64* %field530
  %field531 = getelementptr i64, i64* %err, i64 5
  store volatile i64 %v511, i64* %field531
  br label %exit526
exit526:
  call void @llvm.nvvm.membar.gl()
  call void asm sideeffect "exit;", ""()
  unreachable
ok522:
  %term532 = mul i64 %k519, %v513
  %off533 = add i64 0, %term532
  %neg534 = icmp slt i64 %v516, 0
  %wrap535 = add i64 %v516, %v512
  %k536 = select i1 %neg534, i64 %wrap535, i64 %v516
  %oob537 = icmp uge i64 %k536, %v512
  br i1 %oob537, label %fail538, label %ok539, !prof !{!"branch_weights", i32 1, i32 2000}
fail538:
  %claim540 = cmpxchg i64* %err, i64 0, i64 1 seq_cst seq_cst
  %won541 = extractvalue { i64, i1 } %claim540, 1
  br i1 %won541, label %record542, label %exit543
record542:
  %field544 = getelementptr i64, i64* %err, i64 1
  store volatile i64 0, i64* %field544
  %field545 = getelementptr i64, i64* %err, i64 2
  store volatile i64 773, i64* %field545
  %field546 = getelementptr i64, i64* %err, i64 3
  store volatile i64 %v516, i64* %field546
  %field547 = getelementptr i64, i64* %err, i64 4
  store volatile i64 1, i64* %field547
  %field548 = getelementptr i64, i64* %err, i64 5
  store volatile i64 %v512, i64* %field548
  br label %exit543
exit543:
  call void @llvm.nvvm.membar.gl()
  call void asm sideeffect "exit;", ""()
  unreachable
ok539:
  %term549 = mul i64 %k536, %v514
  %off550 = add i64 %off533, %term549
  %byte551 = getelementptr inbounds i8, i8* %v510, i64 %off550
  %elem552 = bitcast i8* %byte551 to float*
  %ld553 = load float, float* %elem552
  %mul554 = fmul float %ld509, %ld553
  %add555 = fadd float %v465, %mul554
  store float %add555, float* %slot47
  br label %forinc457
forinc457:
  %i556 = load i64, i64* %counter454
  %next557 = add i64 %i556, 1
  store i64 %next557, i64* %counter454
  br label %for455
forelse458:
  br label %endfor459
endfor459:
  call void @llvm.nvvm.barrier0()
  br label %forinc121
forinc121:
  %i558 = load i64, i64* %counter118
  %next559 = add i64 %i558, 1
  store i64 %next559, i64* %counter118
  br label %for119
forelse122:
  br label %endfor123
endfor123:
  %v561 = load i64, i64* %slot43
  %v562 = load i8*, i8** %slot26
  %v563 = load i64, i64* %slot27
  %v564 = load i64, i64* %slot28
  %v565 = load i64, i64* %slot29
  %v566 = load i64, i64* %slot30
  %cmp567 = icmp slt i64 %v561, %v563
  store i1 %cmp567, i1* %logic560
  br i1 %cmp567, label %rhs568, label %logicend569
rhs568:
  %v570 = load i64, i64* %slot44
  %v571 = load i8*, i8** %slot26
  %v572 = load i64, i64* %slot27
  %v573 = load i64, i64* %slot28
  %v574 = load i64, i64* %slot29
  %v575 = load i64, i64* %slot30
  %cmp576 = icmp slt i64 %v570, %v573
  store i1 %cmp576, i1* %logic560
  br label %logicend569
logicend569:
  %logic577 = load i1, i1* %logic560
  br i1 %logic577, label %then578, label %else579
then578:
  %v581 = load i8*, i8** %slot26
  %v582 = load i64, i64* %slot27
  %v583 = load i64, i64* %slot28
  %v584 = load i64, i64* %slot29
  %v585 = load i64, i64* %slot30
  %v586 = load i64, i64* %slot43
  %v587 = load i64, i64* %slot44
  %v588 = load float, float* %slot47
  %neg589 = icmp slt i64 %v586, 0
  %wrap590 = add i64 %v586, %v582
  %k591 = select i1 %neg589, i64 %wrap590, i64 %v586
  %oob592 = icmp uge i64 %k591, %v582
  br i1 %oob592, label %fail593, label %ok594, !prof !{!"branch_weights", i32 1, i32 2000}
fail593:
  %claim595 = cmpxchg i64* %err, i64 0, i64 1 seq_cst seq_cst
  %won596 = extractvalue { i64, i1 } %claim595, 1
  br i1 %won596, label %record597, label %exit598
record597:
  %field599 = getelementptr i64, i64* %err, i64 1
  store volatile i64 0, i64* %field599
  %field600 = getelementptr i64, i64* %err, i64 2
  store volatile i64 860, i64* %field600
  %field601 = getelementptr i64, i64* %err, i64 3
  store volatile i64 %v586, i64* %field601
  %field602 = getelementptr i64, i64* %err, i64 4
  store volatile i64 0, i64* %field602
  %field603 = getelementptr i64, i64* %err, i64 5
  store volatile i64 %v582, i64* %field603
  br label %exit598
exit598:
  call void @llvm.nvvm.membar.gl()
  call void asm sideeffect "exit;", ""()
  unreachable
ok594:
  %term604 = mul i64 %k591, %v584
  %off605 = add i64 0, %term604
  %neg606 = icmp slt i64 %v587, 0
  %wrap607 = add i64 %v587, %v583
  %k608 = select i1 %neg606, i64 %wrap607, i64 %v587
  %oob609 = icmp uge i64 %k608, %v583
  br i1 %oob609, label %fail610, label %ok611, !prof !{!"branch_weights", i32 1, i32 2000}
fail610:
  %claim612 = cmpxchg i64* %err, i64 0, i64 1 seq_cst seq_cst
  %won613 = extractvalue { i64, i1 } %claim612, 1
  br i1 %won613, label %record614, label %exit615
record614:
  %field616 = getelementptr i64, i64* %err, i64 1
  store volatile i64 0, i64* %field616
  %field617 = getelementptr i64, i64* %err, i64 2
  store volatile i64 860, i64* %field617
  %field618 = getelementptr i64, i64* %err, i64 3
  store volatile i64 %v587, i64* %field618
  %field619 = getelementptr i64, i64* %err, i64 4
  store volatile i64 1, i64* %field619
  %field620 = getelementptr i64, i64* %err, i64 5
  store volatile i64 %v583, i64* %field620
  br label %exit615
exit615:
  call void @llvm.nvvm.membar.gl()
  call void asm sideeffect "exit;", ""()
  unreachable
ok611:
  %term621 = mul i64 %k608, %v585
  %off622 = add i64 %off605, %term621
  %byte623 = getelementptr inbounds i8, i8* %v581, i64 %off622
  %elem624 = bitcast i8* %byte623 to float*
  store float %v588, float* %elem624
  br label %endif580
else579:
  br label %endif580
endif580:
  ret void
}

declare i32 @llvm.nvvm.read.ptx.sreg.ntid.x()
declare i32 @llvm.nvvm.read.ptx.sreg.ctaid.x()
declare i32 @llvm.nvvm.read.ptx.sreg.tid.x()
declare i32 @llvm.nvvm.read.ptx.sreg.ntid.y()
declare i32 @llvm.nvvm.read.ptx.sreg.ctaid.y()
declare i32 @llvm.nvvm.read.ptx.sreg.tid.y()
declare i32 @llvm.nvvm.read.ptx.sreg.nctaid.x()
declare void @llvm.nvvm.membar.gl()
declare void @llvm.nvvm.barrier0()

!nvvm.annotations = !{!0}
!0 = !{void (i8*, i64, i64, i64, i64, i8*, i64, i64, i64, i64, i8*, i64, i64, i64, i64, i64*)* @matmul_tiled_0, !"kernel", i32 1}

