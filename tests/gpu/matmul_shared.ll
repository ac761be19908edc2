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
  %counter109 = alloca i64
  %logic208 = alloca i1
  %logic322 = alloca i1
  %counter436 = alloca i64
  %logic542 = alloca i1
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
  store i64 0, i64* %counter109
  br label %for110
for110:
  %i115 = load i64, i64* %counter109
  %up116 = icmp sgt i64 1, 0
  %lt117 = icmp slt i64 %i115, %idx108
  %gt118 = icmp sgt i64 %i115, %idx108
  %go119 = select i1 %up116, i1 %lt117, i1 %gt118
  br i1 %go119, label %forbody111, label %forelse113
forbody111:
  store i64 %i115, i64* %slot48
  %v120 = load i8*, i8** %slot31
  %v121 = load i64, i64* %slot32
  %v122 = load i64, i64* %slot33
  %v123 = load i64, i64* %slot34
  %v124 = load i64, i64* %slot35
  %v125 = load i64, i64* %slot45
  %v126 = load i64, i64* %slot46
  %cvt127 = sitofp i64 0 to float
  %neg128 = icmp slt i64 %v125, 0
  %wrap129 = add i64 %v125, %v121
  %k130 = select i1 %neg128, i64 %wrap129, i64 %v125
  %oob131 = icmp uge i64 %k130, %v121
  br i1 %oob131, label %fail132, label %ok133, !prof !{!"branch_weights", i32 1, i32 2000}
fail132:
  %claim134 = cmpxchg i64* %err, i64 0, i64 1 seq_cst seq_cst
  %won135 = extractvalue { i64, i1 } %claim134, 1
  br i1 %won135, label %record136, label %exit137
record136:
  %field138 = getelementptr i64, i64* %err, i64 1
  store volatile i64 0, i64* %field138
  %field139 = getelementptr i64, i64* %err, i64 2
  store volatile i64 446, i64* %field139
  %field140 = getelementptr i64, i64* %err, i64 3
  store volatile i64 %v125, i64* %field140
  %field141 = getelementptr i64, i64* %err, i64 4
  store volatile i64 0, i64* %field141
  %field142 = getelementptr i64, i64* %err, i64 5
  store volatile i64 %v121, i64* %field142
  br label %exit137
exit137:
  call void @llvm.nvvm.membar.gl()
  call void asm sideeffect "exit;", ""()
  unreachable
ok133:
  %term143 = mul i64 %k130, %v123
  %off144 = add i64 0, %term143
  %neg145 = icmp slt i64 %v126, 0
  %wrap146 = add i64 %v126, %v122
  %k147 = select i1 %neg145, i64 %wrap146, i64 %v126
  %oob148 = icmp uge i64 %k147, %v122
  br i1 %oob148, label %fail149, label %ok150, !prof !{!"branch_weights", i32 1, i32 2000}
fail149:
  %claim151 = cmpxchg i64* %err, i64 0, i64 1 seq_cst seq_cst
  %won152 = extractvalue { i64, i1 } %claim151, 1
  br i1 %won152, label %record153, label %exit154
record153:
  %field155 = getelementptr i64, i64* %err, i64 1
  store volatile i64 0, i64* %field155
  %field156 = getelementptr i64, i64* %err, i64 2
  store volatile i64 446, i64* %field156
  %field157 = getelementptr i64, i64* %err, i64 3
  store volatile i64 %v126, i64* %field157
  %field158 = getelementptr i64, i64* %err, i64 4
  store volatile i64 1, i64* %field158
  %field159 = getelementptr i64, i64* %err, i64 5
  store volatile i64 %v122, i64* %field159
  br label %exit154
exit154:
  call void @llvm.nvvm.membar.gl()
  call void asm sideeffect "exit;", ""()
  unreachable
ok150:
  %term160 = mul i64 %k147, %v124
  %off161 = add i64 %off144, %term160
  %byte162 = getelementptr inbounds i8, i8* %v120, i64 %off161
  %elem163 = bitcast i8* %byte162 to float*
  store float %cvt127, float* %elem163
  %v164 = load i8*, i8** %slot36
  %v165 = load i64, i64* %slot37
  %v166 = load i64, i64* %slot38
  %v167 = load i64, i64* %slot39
  %v168 = load i64, i64* %slot40
  %v169 = load i64, i64* %slot45
  %v170 = load i64, i64* %slot46
  %cvt171 = sitofp i64 0 to float
  %neg172 = icmp slt i64 %v169, 0
  %wrap173 = add i64 %v169, %v165
  %k174 = select i1 %neg172, i64 %wrap173, i64 %v169
  %oob175 = icmp uge i64 %k174, %v165
  br i1 %oob175, label %fail176, label %ok177, !prof !{!"branch_weights", i32 1, i32 2000}
fail176:
  %claim178 = cmpxchg i64* %err, i64 0, i64 1 seq_cst seq_cst
  %won179 = extractvalue { i64, i1 } %claim178, 1
  br i1 %won179, label %record180, label %exit181
record180:
  %field182 = getelementptr i64, i64* %err, i64 1
  store volatile i64 0, i64* %field182
  %field183 = getelementptr i64, i64* %err, i64 2
  store volatile i64 469, i64* %field183
  %field184 = getelementptr i64, i64* %err, i64 3
  store volatile i64 %v169, i64* %field184
  %field185 = getelementptr i64, i64* %err, i64 4
  store volatile i64 0, i64* %field185
  %field186 = getelementptr i64, i64* %err, i64 5
  store volatile i64 %v165, i64* %field186
  br label %exit181
exit181:
  call void @llvm.nvvm.membar.gl()
  call void asm sideeffect "exit;", ""()
  unreachable
ok177:
  %term187 = mul i64 %k174, %v167
  %off188 = add i64 0, %term187
  %neg189 = icmp slt i64 %v170, 0
  %wrap190 = add i64 %v170, %v166
  %k191 = select i1 %neg189, i64 %wrap190, i64 %v170
  %oob192 = icmp uge i64 %k191, %v166
  br i1 %oob192, label %fail193, label %ok194, !prof !{!"branch_weights", i32 1, i32 2000}
fail193:
  %claim195 = cmpxchg i64* %err, i64 0, i64 1 seq_cst seq_cst
  %won196 = extractvalue { i64, i1 } %claim195, 1
  br i1 %won196, label %record197, label %exit198
record197:
  %field199 = getelementptr i64, i64* %err, i64 1
  store volatile i64 0, i64* %field199
  %field200 = getelementptr i64, i64* %err, i64 2
  store volatile i64 469, i64* %field200
  %field201 = getelementptr i64, i64* %err, i64 3
  store volatile i64 %v170, i64* %field201
  %field202 = getelementptr i64, i64* %err, i64 4
  store volatile i64 1, i64* %field202
  %field203 = getelementptr i64, i64* %err, i64 5
  store volatile i64 %v166, i64* %field203
  br label %exit198
exit198:
  call void @llvm.nvvm.membar.gl()
  call void asm sideeffect "exit;", ""()
  unreachable
ok194:
  %term204 = mul i64 %k191, %v168
  %off205 = add i64 %off188, %term204
  %byte206 = getelementptr inbounds i8, i8* %v164, i64 %off205
  %elem207 = bitcast i8* %byte206 to float*
  store float %cvt171, float* %elem207
  %v209 = load i64, i64* %slot43
  %v210 = load i8*, i8** %slot16
  %v211 = load i64, i64* %slot17
  %v212 = load i64, i64* %slot18
  %v213 = load i64, i64* %slot19
  %v214 = load i64, i64* %slot20
  %cmp215 = icmp slt i64 %v209, %v211
  store i1 %cmp215, i1* %logic208
  br i1 %cmp215, label %rhs216, label %logicend217
rhs216:
  %v218 = load i64, i64* %slot46
  %v219 = load i64, i64* %slot48
  %mul220 = mul i64 %v219, 8
  %add221 = add i64 %v218, %mul220
  %v222 = load i8*, i8** %slot16
  %v223 = load i64, i64* %slot17
  %v224 = load i64, i64* %slot18
  %v225 = load i64, i64* %slot19
  %v226 = load i64, i64* %slot20
  %cmp227 = icmp slt i64 %add221, %v224
  store i1 %cmp227, i1* %logic208
  br label %logicend217
logicend217:
  %logic228 = load i1, i1* %logic208
  br i1 %logic228, label %then229, label %else230
then229:
  %v232 = load i8*, i8** %slot31
  %v233 = load i64, i64* %slot32
  %v234 = load i64, i64* %slot33
  %v235 = load i64, i64* %slot34
  %v236 = load i64, i64* %slot35
  %v237 = load i64, i64* %slot45
  %v238 = load i64, i64* %slot46
  %v239 = load i8*, i8** %slot16
  %v240 = load i64, i64* %slot17
  %v241 = load i64, i64* %slot18
  %v242 = load i64, i64* %slot19
  %v243 = load i64, i64* %slot20
  %v244 = load i64, i64* %slot43
  %v245 = load i64, i64* %slot46
  %v246 = load i64, i64* %slot48
  %mul247 = mul i64 %v246, 8
  %add248 = add i64 %v245, %mul247
  %neg249 = icmp slt i64 %v244, 0
  %wrap250 = add i64 %v244, %v240
  %k251 = select i1 %neg249, i64 %wrap250, i64 %v244
  %oob252 = icmp uge i64 %k251, %v240
  br i1 %oob252, label %fail253, label %ok254, !prof !{!"branch_weights", i32 1, i32 2000}
fail253:
  %claim255 = cmpxchg i64* %err, i64 0, i64 1 seq_cst seq_cst
  %won256 = extractvalue { i64, i1 } %claim255, 1
  br i1 %won256, label %record257, label %exit258
record257:
  %field259 = getelementptr i64, i64* %err, i64 1
  store volatile i64 0, i64* %field259
  %field260 = getelementptr i64, i64* %err, i64 2
  store volatile i64 566, i64* %field260
  %field261 = getelementptr i64, i64* %err, i64 3
  store volatile i64 %v244, i64* %field261
  %field262 = getelementptr i64, i64* %err, i64 4
  store volatile i64 0, i64* %field262
  %field263 = getelementptr i64, i64* %err, i64 5
  store volatile i64 %v240, i64* %field263
  br label %exit258
exit258:
  call void @llvm.nvvm.membar.gl()
  call void asm sideeffect "exit;", ""()
  unreachable
ok254:
  %term264 = mul i64 %k251, %v242
  %off265 = add i64 0, %term264
  %neg266 = icmp slt i64 %add248, 0
  %wrap267 = add i64 %add248, %v241
  %k268 = select i1 %neg266, i64 %wrap267, i64 %add248
  %oob269 = icmp uge i64 %k268, %v241
  br i1 %oob269, label %fail270, label %ok271, !prof !{!"branch_weights", i32 1, i32 2000}
fail270:
  %claim272 = cmpxchg i64* %err, i64 0, i64 1 seq_cst seq_cst
  %won273 = extractvalue { i64, i1 } %claim272, 1
  br i1 %won273, label %record274, label %exit275
record274:
  %field276 = getelementptr i64, i64* %err, i64 1
  store volatile i64 0, i64* %field276
  %field277 = getelementptr i64, i64* %err, i64 2
  store volatile i64 566, i64* %field277
  %field278 = getelementptr i64, i64* %err, i64 3
  store volatile i64 %add248, i64* %field278
  %field279 = getelementptr i64, i64* %err, i64 4
  store volatile i64 1, i64* %field279
  %field280 = getelementptr i64, i64* %err, i64 5
  store volatile i64 %v241, i64* %field280
  br label %exit275
exit275:
  call void @llvm.nvvm.membar.gl()
  call void asm sideeffect "exit;", ""()
  unreachable
ok271:
  %term281 = mul i64 %k268, %v243
  %off282 = add i64 %off265, %term281
  %byte283 = getelementptr inbounds i8, i8* %v239, i64 %off282
  %elem284 = bitcast i8* %byte283 to float*
  %ld285 = load float, float* %elem284
  %neg286 = icmp slt i64 %v237, 0
  %wrap287 = add i64 %v237, %v233
  %k288 = select i1 %neg286, i64 %wrap287, i64 %v237
  %oob289 = icmp uge i64 %k288, %v233
  br i1 %oob289, label %fail290, label %ok291, !prof !{!"branch_weights", i32 1, i32 2000}
fail290:
  %claim292 = cmpxchg i64* %err, i64 0, i64 1 seq_cst seq_cst
  %won293 = extractvalue { i64, i1 } %claim292, 1
  br i1 %won293, label %record294, label %exit295
record294:
  %field296 = getelementptr i64, i64* %err, i64 1
  store volatile i64 0, i64* %field296
  %field297 = getelementptr i64, i64* %err, i64 2
  store volatile i64 553, i64* %field297
  %field298 = getelementptr i64, i64* %err, i64 3
  store volatile i64 %v237, i64* %field298
  %field299 = getelementptr i64, i64* %err, i64 4
  store volatile i64 0, i64* %field299
  %field300 = getelementptr i64, i64* %err, i64 5
  store volatile i64 %v233, i64* %field300
  br label %exit295
exit295:
  call void @llvm.nvvm.membar.gl()
  call void asm sideeffect "exit;", ""()
  unreachable
ok291:
  %term301 = mul i64 %k288, %v235
  %off302 = add i64 0, %term301
  %neg303 = icmp slt i64 %v238, 0
  %wrap304 = add i64 %v238, %v234
  %k305 = select i1 %neg303, i64 %wrap304, i64 %v238
  %oob306 = icmp uge i64 %k305, %v234
  br i1 %oob306, label %fail307, label %ok308, !prof !{!"branch_weights", i32 1, i32 2000}
fail307:
  %claim309 = cmpxchg i64* %err, i64 0, i64 1 seq_cst seq_cst
  %won310 = extractvalue { i64, i1 } %claim309, 1
  br i1 %won310, label %record311, label %exit312
record311:
  %field313 = getelementptr i64, i64* %err, i64 1
  store volatile i64 0, i64* %field313
  %field314 = getelementptr i64, i64* %err, i64 2
  store volatile i64 553, i64* %field314
  %field315 = getelementptr i64, i64* %err, i64 3
  store volatile i64 %v238, i64* %field315
  %field316 = getelementptr i64, i64* %err, i64 4
  store volatile i64 1, i64* %field316
  %field317 = getelementptr i64, i64* %err, i64 5
  store volatile i64 %v234, i64* %field317
  br label %exit312
exit312:
  call void @llvm.nvvm.membar.gl()
  call void asm sideeffect "exit;", ""()
  unreachable
ok308:
  %term318 = mul i64 %k305, %v236
  %off319 = add i64 %off302, %term318
  %byte320 = getelementptr inbounds i8, i8* %v232, i64 %off319
  %elem321 = bitcast i8* %byte320 to float*
  store float %ld285, float* %elem321
  br label %endif231
else230:
  br label %endif231
endif231:
  %v323 = load i64, i64* %slot44
  %v324 = load i8*, i8** %slot21
  %v325 = load i64, i64* %slot22
  %v326 = load i64, i64* %slot23
  %v327 = load i64, i64* %slot24
  %v328 = load i64, i64* %slot25
  %cmp329 = icmp slt i64 %v323, %v326
  store i1 %cmp329, i1* %logic322
  br i1 %cmp329, label %rhs330, label %logicend331
rhs330:
  %v332 = load i64, i64* %slot45
  %v333 = load i64, i64* %slot48
  %mul334 = mul i64 %v333, 8
  %add335 = add i64 %v332, %mul334
  %v336 = load i8*, i8** %slot21
  %v337 = load i64, i64* %slot22
  %v338 = load i64, i64* %slot23
  %v339 = load i64, i64* %slot24
  %v340 = load i64, i64* %slot25
  %cmp341 = icmp slt i64 %add335, %v337
  store i1 %cmp341, i1* %logic322
  br label %logicend331
logicend331:
  %logic342 = load i1, i1* %logic322
  br i1 %logic342, label %then343, label %else344
then343:
  %v346 = load i8*, i8** %slot36
  %v347 = load i64, i64* %slot37
  %v348 = load i64, i64* %slot38
  %v349 = load i64, i64* %slot39
  %v350 = load i64, i64* %slot40
  %v351 = load i64, i64* %slot45
  %v352 = load i64, i64* %slot46
  %v353 = load i8*, i8** %slot21
  %v354 = load i64, i64* %slot22
  %v355 = load i64, i64* %slot23
  %v356 = load i64, i64* %slot24
  %v357 = load i64, i64* %slot25
  %v358 = load i64, i64* %slot45
  %v359 = load i64, i64* %slot48
  %mul360 = mul i64 %v359, 8
  %add361 = add i64 %v358, %mul360
  %v362 = load i64, i64* %slot44
  %neg363 = icmp slt i64 %add361, 0
  %wrap364 = add i64 %add361, %v354
  %k365 = select i1 %neg363, i64 %wrap364, i64 %add361
  %oob366 = icmp uge i64 %k365, %v354
  br i1 %oob366, label %fail367, label %ok368, !prof !{!"branch_weights", i32 1, i32 2000}
fail367:
  %claim369 = cmpxchg i64* %err, i64 0, i64 1 seq_cst seq_cst
  %won370 = extractvalue { i64, i1 } %claim369, 1
  br i1 %won370, label %record371, label %exit372
record371:
  %field373 = getelementptr i64, i64* %err, i64 1
  store volatile i64 0, i64* %field373
  %field374 = getelementptr i64, i64* %err, i64 2
  store volatile i64 667, i64* %field374
  %field375 = getelementptr i64, i64* %err, i64 3
  store volatile i64 %add361, i64* %field375
  %field376 = getelementptr i64, i64* %err, i64 4
  store volatile i64 0, i64* %field376
  %field377 = getelementptr i64, i64* %err, i64 5
  store volatile i64 %v354, i64* %field377
  br label %exit372
exit372:
  call void @llvm.nvvm.membar.gl()
  call void asm sideeffect "exit;", ""()
  unreachable
ok368:
  %term378 = mul i64 %k365, %v356
  %off379 = add i64 0, %term378
  %neg380 = icmp slt i64 %v362, 0
  %wrap381 = add i64 %v362, %v355
  %k382 = select i1 %neg380, i64 %wrap381, i64 %v362
  %oob383 = icmp uge i64 %k382, %v355
  br i1 %oob383, label %fail384, label %ok385, !prof !{!"branch_weights", i32 1, i32 2000}
fail384:
  %claim386 = cmpxchg i64* %err, i64 0, i64 1 seq_cst seq_cst
  %won387 = extractvalue { i64, i1 } %claim386, 1
  br i1 %won387, label %record388, label %exit389
record388:
  %field390 = getelementptr i64, i64* %err, i64 1
  store volatile i64 0, i64* %field390
  %field391 = getelementptr i64, i64* %err, i64 2
  store volatile i64 667, i64* %field391
  %field392 = getelementptr i64, i64* %err, i64 3
  store volatile i64 %v362, i64* %field392
  %field393 = getelementptr i64, i64* %err, i64 4
  store volatile i64 1, i64* %field393
  %field394 = getelementptr i64, i64* %err, i64 5
  store volatile i64 %v355, i64* %field394
  br label %exit389
exit389:
  call void @llvm.nvvm.membar.gl()
  call void asm sideeffect "exit;", ""()
  unreachable
ok385:
  %term395 = mul i64 %k382, %v357
  %off396 = add i64 %off379, %term395
  %byte397 = getelementptr inbounds i8, i8* %v353, i64 %off396
  %elem398 = bitcast i8* %byte397 to float*
  %ld399 = load float, float* %elem398
  %neg400 = icmp slt i64 %v351, 0
  %wrap401 = add i64 %v351, %v347
  %k402 = select i1 %neg400, i64 %wrap401, i64 %v351
  %oob403 = icmp uge i64 %k402, %v347
  br i1 %oob403, label %fail404, label %ok405, !prof !{!"branch_weights", i32 1, i32 2000}
fail404:
  %claim406 = cmpxchg i64* %err, i64 0, i64 1 seq_cst seq_cst
  %won407 = extractvalue { i64, i1 } %claim406, 1
  br i1 %won407, label %record408, label %exit409
record408:
  %field410 = getelementptr i64, i64* %err, i64 1
  store volatile i64 0, i64* %field410
  %field411 = getelementptr i64, i64* %err, i64 2
  store volatile i64 654, i64* %field411
  %field412 = getelementptr i64, i64* %err, i64 3
  store volatile i64 %v351, i64* %field412
  %field413 = getelementptr i64, i64* %err, i64 4
  store volatile i64 0, i64* %field413
  %field414 = getelementptr i64, i64* %err, i64 5
  store volatile i64 %v347, i64* %field414
  br label %exit409
exit409:
  call void @llvm.nvvm.membar.gl()
  call void asm sideeffect "exit;", ""()
  unreachable
ok405:
  %term415 = mul i64 %k402, %v349
  %off416 = add i64 0, %term415
  %neg417 = icmp slt i64 %v352, 0
  %wrap418 = add i64 %v352, %v348
  %k419 = select i1 %neg417, i64 %wrap418, i64 %v352
  %oob420 = icmp uge i64 %k419, %v348
  br i1 %oob420, label %fail421, label %ok422, !prof !{!"branch_weights", i32 1, i32 2000}
fail421:
  %claim423 = cmpxchg i64* %err, i64 0, i64 1 seq_cst seq_cst
  %won424 = extractvalue { i64, i1 } %claim423, 1
  br i1 %won424, label %record425, label %exit426
record425:
  %field427 = getelementptr i64, i64* %err, i64 1
  store volatile i64 0, i64* %field427
  %field428 = getelementptr i64, i64* %err, i64 2
  store volatile i64 654, i64* %field428
  %field429 = getelementptr i64, i64* %err, i64 3
  store volatile i64 %v352, i64* %field429
  %field430 = getelementptr i64, i64* %err, i64 4
  store volatile i64 1, i64* %field430
  %field431 = getelementptr i64, i64* %err, i64 5
  store volatile i64 %v348, i64* %field431
  br label %exit426
exit426:
  call void @llvm.nvvm.membar.gl()
  call void asm sideeffect "exit;", ""()
  unreachable
ok422:
  %term432 = mul i64 %k419, %v350
  %off433 = add i64 %off416, %term432
  %byte434 = getelementptr inbounds i8, i8* %v346, i64 %off433
  %elem435 = bitcast i8* %byte434 to float*
  store float %ld399, float* %elem435
  br label %endif345
else344:
  br label %endif345
endif345:
  call void @llvm.nvvm.barrier0()
  store i64 0, i64* %counter436
  br label %for437
for437:
  %i442 = load i64, i64* %counter436
  %up443 = icmp sgt i64 1, 0
  %lt444 = icmp slt i64 %i442, 8
  %gt445 = icmp sgt i64 %i442, 8
  %go446 = select i1 %up443, i1 %lt444, i1 %gt445
  br i1 %go446, label %forbody438, label %forelse440
forbody438:
  store i64 %i442, i64* %slot49
  %v447 = load float, float* %slot47
  %v448 = load i8*, i8** %slot31
  %v449 = load i64, i64* %slot32
  %v450 = load i64, i64* %slot33
  %v451 = load i64, i64* %slot34
  %v452 = load i64, i64* %slot35
  %v453 = load i64, i64* %slot45
  %v454 = load i64, i64* %slot49
  %neg455 = icmp slt i64 %v453, 0
  %wrap456 = add i64 %v453, %v449
  %k457 = select i1 %neg455, i64 %wrap456, i64 %v453
  %oob458 = icmp uge i64 %k457, %v449
  br i1 %oob458, label %fail459, label %ok460, !prof !{!"branch_weights", i32 1, i32 2000}
fail459:
  %claim461 = cmpxchg i64* %err, i64 0, i64 1 seq_cst seq_cst
  %won462 = extractvalue { i64, i1 } %claim461, 1
  br i1 %won462, label %record463, label %exit464
record463:
  %field465 = getelementptr i64, i64* %err, i64 1
  store volatile i64 0, i64* %field465
  %field466 = getelementptr i64, i64* %err, i64 2
  store volatile i64 761, i64* %field466
  %field467 = getelementptr i64, i64* %err, i64 3
  store volatile i64 %v453, i64* %field467
  %field468 = getelementptr i64, i64* %err, i64 4
  store volatile i64 0, i64* %field468
  %field469 = getelementptr i64, i64* %err, i64 5
  store volatile i64 %v449, i64* %field469
  br label %exit464
exit464:
  call void @llvm.nvvm.membar.gl()
  call void asm sideeffect "exit;", ""()
  unreachable
ok460:
  %term470 = mul i64 %k457, %v451
  %off471 = add i64 0, %term470
  %neg472 = icmp slt i64 %v454, 0
  %wrap473 = add i64 %v454, %v450
  %k474 = select i1 %neg472, i64 %wrap473, i64 %v454
  %oob475 = icmp uge i64 %k474, %v450
  br i1 %oob475, label %fail476, label %ok477, !prof !{!"branch_weights", i32 1, i32 2000}
fail476:
  %claim478 = cmpxchg i64* %err, i64 0, i64 1 seq_cst seq_cst
  %won479 = extractvalue { i64, i1 } %claim478, 1
  br i1 %won479, label %record480, label %exit481
record480:
  %field482 = getelementptr i64, i64* %err, i64 1
  store volatile i64 0, i64* %field482
  %field483 = getelementptr i64, i64* %err, i64 2
  store volatile i64 761, i64* %field483
  %field484 = getelementptr i64, i64* %err, i64 3
  store volatile i64 %v454, i64* %field484
  %field485 = getelementptr i64, i64* %err, i64 4
  store volatile i64 1, i64* %field485
  %field486 = getelementptr i64, i64* %err, i64 5
  store volatile i64 %v450, i64* %field486
  br label %exit481
exit481:
  call void @llvm.nvvm.membar.gl()
  call void asm sideeffect "exit;", ""()
  unreachable
ok477:
  %term487 = mul i64 %k474, %v452
  %off488 = add i64 %off471, %term487
  %byte489 = getelementptr inbounds i8, i8* %v448, i64 %off488
  %elem490 = bitcast i8* %byte489 to float*
  %ld491 = load float, float* %elem490
  %v492 = load i8*, i8** %slot36
  %v493 = load i64, i64* %slot37
  %v494 = load i64, i64* %slot38
  %v495 = load i64, i64* %slot39
  %v496 = load i64, i64* %slot40
  %v497 = load i64, i64* %slot49
  %v498 = load i64, i64* %slot46
  %neg499 = icmp slt i64 %v497, 0
  %wrap500 = add i64 %v497, %v493
  %k501 = select i1 %neg499, i64 %wrap500, i64 %v497
  %oob502 = icmp uge i64 %k501, %v493
  br i1 %oob502, label %fail503, label %ok504, !prof !{!"branch_weights", i32 1, i32 2000}
fail503:
  %claim505 = cmpxchg i64* %err, i64 0, i64 1 seq_cst seq_cst
  %won506 = extractvalue { i64, i1 } %claim505, 1
  br i1 %won506, label %record507, label %exit508
record507:
  %field509 = getelementptr i64, i64* %err, i64 1
  store volatile i64 0, i64* %field509
  %field510 = getelementptr i64, i64* %err, i64 2
  store volatile i64 773, i64* %field510
  %field511 = getelementptr i64, i64* %err, i64 3
  store volatile i64 %v497, i64* %field511
  %field512 = getelementptr i64, i64* %err, i64 4
  store volatile i64 0, i64* %field512
  %field513 = getelementptr i64, i64* %err, i64 5
  store volatile i64 %v493, i64* %field513
  br label %exit508
exit508:
  call void @llvm.nvvm.membar.gl()
  call void asm sideeffect "exit;", ""()
  unreachable
ok504:
  %term514 = mul i64 %k501, %v495
  %off515 = add i64 0, %term514
  %neg516 = icmp slt i64 %v498, 0
  %wrap517 = add i64 %v498, %v494
  %k518 = select i1 %neg516, i64 %wrap517, i64 %v498
  %oob519 = icmp uge i64 %k518, %v494
  br i1 %oob519, label %fail520, label %ok521, !prof !{!"branch_weights", i32 1, i32 2000}
fail520:
  %claim522 = cmpxchg i64* %err, i64 0, i64 1 seq_cst seq_cst
  %won523 = extractvalue { i64, i1 } %claim522, 1
  br i1 %won523, label %record524, label %exit525
record524:
  %field526 = getelementptr i64, i64* %err, i64 1
  store volatile i64 0, i64* %field526
  %field527 = getelementptr i64, i64* %err, i64 2
  store volatile i64 773, i64* %field527
  %field528 = getelementptr i64, i64* %err, i64 3
  store volatile i64 %v498, i64* %field528
  %field529 = getelementptr i64, i64* %err, i64 4
  store volatile i64 1, i64* %field529
  %field530 = getelementptr i64, i64* %err, i64 5
  store volatile i64 %v494, i64* %field530
  br label %exit525
exit525:
  call void @llvm.nvvm.membar.gl()
  call void asm sideeffect "exit;", ""()
  unreachable
ok521:
  %term531 = mul i64 %k518, %v496
  %off532 = add i64 %off515, %term531
  %byte533 = getelementptr inbounds i8, i8* %v492, i64 %off532
  %elem534 = bitcast i8* %byte533 to float*
  %ld535 = load float, float* %elem534
  %mul536 = fmul float %ld491, %ld535
  %add537 = fadd float %v447, %mul536
  store float %add537, float* %slot47
  br label %forinc439
forinc439:
  %i538 = load i64, i64* %counter436
  %next539 = add i64 %i538, 1
  store i64 %next539, i64* %counter436
  br label %for437
forelse440:
  br label %endfor441
endfor441:
  call void @llvm.nvvm.barrier0()
  br label %forinc112
forinc112:
  %i540 = load i64, i64* %counter109
  %next541 = add i64 %i540, 1
  store i64 %next541, i64* %counter109
  br label %for110
forelse113:
  br label %endfor114
endfor114:
  %v543 = load i64, i64* %slot43
  %v544 = load i8*, i8** %slot26
  %v545 = load i64, i64* %slot27
  %v546 = load i64, i64* %slot28
  %v547 = load i64, i64* %slot29
  %v548 = load i64, i64* %slot30
  %cmp549 = icmp slt i64 %v543, %v545
  store i1 %cmp549, i1* %logic542
  br i1 %cmp549, label %rhs550, label %logicend551
rhs550:
  %v552 = load i64, i64* %slot44
  %v553 = load i8*, i8** %slot26
  %v554 = load i64, i64* %slot27
  %v555 = load i64, i64* %slot28
  %v556 = load i64, i64* %slot29
  %v557 = load i64, i64* %slot30
  %cmp558 = icmp slt i64 %v552, %v555
  store i1 %cmp558, i1* %logic542
  br label %logicend551
logicend551:
  %logic559 = load i1, i1* %logic542
  br i1 %logic559, label %then560, label %else561
then560:
  %v563 = load i8*, i8** %slot26
  %v564 = load i64, i64* %slot27
  %v565 = load i64, i64* %slot28
  %v566 = load i64, i64* %slot29
  %v567 = load i64, i64* %slot30
  %v568 = load i64, i64* %slot43
  %v569 = load i64, i64* %slot44
  %v570 = load float, float* %slot47
  %neg571 = icmp slt i64 %v568, 0
  %wrap572 = add i64 %v568, %v564
  %k573 = select i1 %neg571, i64 %wrap572, i64 %v568
  %oob574 = icmp uge i64 %k573, %v564
  br i1 %oob574, label %fail575, label %ok576, !prof !{!"branch_weights", i32 1, i32 2000}
fail575:
  %claim577 = cmpxchg i64* %err, i64 0, i64 1 seq_cst seq_cst
  %won578 = extractvalue { i64, i1 } %claim577, 1
  br i1 %won578, label %record579, label %exit580
record579:
  %field581 = getelementptr i64, i64* %err, i64 1
  store volatile i64 0, i64* %field581
  %field582 = getelementptr i64, i64* %err, i64 2
  store volatile i64 860, i64* %field582
  %field583 = getelementptr i64, i64* %err, i64 3
  store volatile i64 %v568, i64* %field583
  %field584 = getelementptr i64, i64* %err, i64 4
  store volatile i64 0, i64* %field584
  %field585 = getelementptr i64, i64* %err, i64 5
  store volatile i64 %v564, i64* %field585
  br label %exit580
exit580:
  call void @llvm.nvvm.membar.gl()
  call void asm sideeffect "exit;", ""()
  unreachable
ok576:
  %term586 = mul i64 %k573, %v566
  %off587 = add i64 0, %term586
  %neg588 = icmp slt i64 %v569, 0
  %wrap589 = add i64 %v569, %v565
  %k590 = select i1 %neg588, i64 %wrap589, i64 %v569
  %oob591 = icmp uge i64 %k590, %v565
  br i1 %oob591, label %fail592, label %ok593, !prof !{!"branch_weights", i32 1, i32 2000}
fail592:
  %claim594 = cmpxchg i64* %err, i64 0, i64 1 seq_cst seq_cst
  %won595 = extractvalue { i64, i1 } %claim594, 1
  br i1 %won595, label %record596, label %exit597
record596:
  %field598 = getelementptr i64, i64* %err, i64 1
  store volatile i64 0, i64* %field598
  %field599 = getelementptr i64, i64* %err, i64 2
  store volatile i64 860, i64* %field599
  %field600 = getelementptr i64, i64* %err, i64 3
  store volatile i64 %v569, i64* %field600
  %field601 = getelementptr i64, i64* %err, i64 4
  store volatile i64 1, i64* %field601
  %field602 = getelementptr i64, i64* %err, i64 5
  store volatile i64 %v565, i64* %field602
  br label %exit597
exit597:
  call void @llvm.nvvm.membar.gl()
  call void asm sideeffect "exit;", ""()
  unreachable
ok593:
  %term603 = mul i64 %k590, %v567
  %off604 = add i64 %off587, %term603
  %byte605 = getelementptr inbounds i8, i8* %v563, i64 %off604
  %elem606 = bitcast i8* %byte605 to float*
  store float %v570, float* %elem606
  br label %endif562
else561:
  br label %endif562
endif562:
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

