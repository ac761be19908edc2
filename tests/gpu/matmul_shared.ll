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
  %logic206 = alloca i1
  %logic320 = alloca i1
  %counter434 = alloca i64
  %logic540 = alloca i1
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
  %neg127 = icmp slt i64 %v125, 0
  %wrap128 = add i64 %v125, %v121
  %k129 = select i1 %neg127, i64 %wrap128, i64 %v125
  %oob130 = icmp uge i64 %k129, %v121
  br i1 %oob130, label %fail131, label %ok132, !prof !{!"branch_weights", i32 1, i32 2000}
fail131:
  %claim133 = cmpxchg i64* %err, i64 0, i64 1 seq_cst seq_cst
  %won134 = extractvalue { i64, i1 } %claim133, 1
  br i1 %won134, label %record135, label %exit136
record135:
  %field137 = getelementptr i64, i64* %err, i64 1
  store volatile i64 0, i64* %field137
  %field138 = getelementptr i64, i64* %err, i64 2
  store volatile i64 446, i64* %field138
  %field139 = getelementptr i64, i64* %err, i64 3
  store volatile i64 %v125, i64* %field139
  %field140 = getelementptr i64, i64* %err, i64 4
  store volatile i64 0, i64* %field140
  %field141 = getelementptr i64, i64* %err, i64 5
  store volatile i64 %v121, i64* %field141
  br label %exit136
exit136:
  call void @llvm.nvvm.membar.gl()
  call void asm sideeffect "exit;", ""()
  unreachable
ok132:
  %term142 = mul i64 %k129, %v123
  %off143 = add i64 0, %term142
  %neg144 = icmp slt i64 %v126, 0
  %wrap145 = add i64 %v126, %v122
  %k146 = select i1 %neg144, i64 %wrap145, i64 %v126
  %oob147 = icmp uge i64 %k146, %v122
  br i1 %oob147, label %fail148, label %ok149, !prof !{!"branch_weights", i32 1, i32 2000}
fail148:
  %claim150 = cmpxchg i64* %err, i64 0, i64 1 seq_cst seq_cst
  %won151 = extractvalue { i64, i1 } %claim150, 1
  br i1 %won151, label %record152, label %exit153
record152:
  %field154 = getelementptr i64, i64* %err, i64 1
  store volatile i64 0, i64* %field154
  %field155 = getelementptr i64, i64* %err, i64 2
  store volatile i64 446, i64* %field155
  %field156 = getelementptr i64, i64* %err, i64 3
  store volatile i64 %v126, i64* %field156
  %field157 = getelementptr i64, i64* %err, i64 4
  store volatile i64 1, i64* %field157
  %field158 = getelementptr i64, i64* %err, i64 5
  store volatile i64 %v122, i64* %field158
  br label %exit153
exit153:
  call void @llvm.nvvm.membar.gl()
  call void asm sideeffect "exit;", ""()
  unreachable
ok149:
  %term159 = mul i64 %k146, %v124
  %off160 = add i64 %off143, %term159
  %byte161 = getelementptr inbounds i8, i8* %v120, i64 %off160
  %elem162 = bitcast i8* %byte161 to float*
  store float 0x0000000000000000, float* %elem162
  %v163 = load i8*, i8** %slot36
  %v164 = load i64, i64* %slot37
  %v165 = load i64, i64* %slot38
  %v166 = load i64, i64* %slot39
  %v167 = load i64, i64* %slot40
  %v168 = load i64, i64* %slot45
  %v169 = load i64, i64* %slot46
  %neg170 = icmp slt i64 %v168, 0
  %wrap171 = add i64 %v168, %v164
  %k172 = select i1 %neg170, i64 %wrap171, i64 %v168
  %oob173 = icmp uge i64 %k172, %v164
  br i1 %oob173, label %fail174, label %ok175, !prof !{!"branch_weights", i32 1, i32 2000}
fail174:
  %claim176 = cmpxchg i64* %err, i64 0, i64 1 seq_cst seq_cst
  %won177 = extractvalue { i64, i1 } %claim176, 1
  br i1 %won177, label %record178, label %exit179
record178:
  %field180 = getelementptr i64, i64* %err, i64 1
  store volatile i64 0, i64* %field180
  %field181 = getelementptr i64, i64* %err, i64 2
  store volatile i64 469, i64* %field181
  %field182 = getelementptr i64, i64* %err, i64 3
  store volatile i64 %v168, i64* %field182
  %field183 = getelementptr i64, i64* %err, i64 4
  store volatile i64 0, i64* %field183
  %field184 = getelementptr i64, i64* %err, i64 5
  store volatile i64 %v164, i64* %field184
  br label %exit179
exit179:
  call void @llvm.nvvm.membar.gl()
  call void asm sideeffect "exit;", ""()
  unreachable
ok175:
  %term185 = mul i64 %k172, %v166
  %off186 = add i64 0, %term185
  %neg187 = icmp slt i64 %v169, 0
  %wrap188 = add i64 %v169, %v165
  %k189 = select i1 %neg187, i64 %wrap188, i64 %v169
  %oob190 = icmp uge i64 %k189, %v165
  br i1 %oob190, label %fail191, label %ok192, !prof !{!"branch_weights", i32 1, i32 2000}
fail191:
  %claim193 = cmpxchg i64* %err, i64 0, i64 1 seq_cst seq_cst
  %won194 = extractvalue { i64, i1 } %claim193, 1
  br i1 %won194, label %record195, label %exit196
record195:
  %field197 = getelementptr i64, i64* %err, i64 1
  store volatile i64 0, i64* %field197
  %field198 = getelementptr i64, i64* %err, i64 2
  store volatile i64 469, i64* %field198
  %field199 = getelementptr i64, i64* %err, i64 3
  store volatile i64 %v169, i64* %field199
  %field200 = getelementptr i64, i64* %err, i64 4
  store volatile i64 1, i64* %field200
  %field201 = getelementptr i64, i64* %err, i64 5
  store volatile i64 %v165, i64* %field201
  br label %exit196
exit196:
  call void @llvm.nvvm.membar.gl()
  call void asm sideeffect "exit;", ""()
  unreachable
ok192:
  %term202 = mul i64 %k189, %v167
  %off203 = add i64 %off186, %term202
  %byte204 = getelementptr inbounds i8, i8* %v163, i64 %off203
  %elem205 = bitcast i8* %byte204 to float*
  store float 0x0000000000000000, float* %elem205
  %v207 = load i64, i64* %slot43
  %v208 = load i8*, i8** %slot16
  %v209 = load i64, i64* %slot17
  %v210 = load i64, i64* %slot18
  %v211 = load i64, i64* %slot19
  %v212 = load i64, i64* %slot20
  %cmp213 = icmp slt i64 %v207, %v209
  store i1 %cmp213, i1* %logic206
  br i1 %cmp213, label %rhs214, label %logicend215
rhs214:
  %v216 = load i64, i64* %slot46
  %v217 = load i64, i64* %slot48
  %mul218 = mul i64 %v217, 8
  %add219 = add i64 %v216, %mul218
  %v220 = load i8*, i8** %slot16
  %v221 = load i64, i64* %slot17
  %v222 = load i64, i64* %slot18
  %v223 = load i64, i64* %slot19
  %v224 = load i64, i64* %slot20
  %cmp225 = icmp slt i64 %add219, %v222
  store i1 %cmp225, i1* %logic206
  br label %logicend215
logicend215:
  %logic226 = load i1, i1* %logic206
  br i1 %logic226, label %then227, label %else228
then227:
  %v230 = load i8*, i8** %slot31
  %v231 = load i64, i64* %slot32
  %v232 = load i64, i64* %slot33
  %v233 = load i64, i64* %slot34
  %v234 = load i64, i64* %slot35
  %v235 = load i64, i64* %slot45
  %v236 = load i64, i64* %slot46
  %v237 = load i8*, i8** %slot16
  %v238 = load i64, i64* %slot17
  %v239 = load i64, i64* %slot18
  %v240 = load i64, i64* %slot19
  %v241 = load i64, i64* %slot20
  %v242 = load i64, i64* %slot43
  %v243 = load i64, i64* %slot46
  %v244 = load i64, i64* %slot48
  %mul245 = mul i64 %v244, 8
  %add246 = add i64 %v243, %mul245
  %neg247 = icmp slt i64 %v242, 0
  %wrap248 = add i64 %v242, %v238
  %k249 = select i1 %neg247, i64 %wrap248, i64 %v242
  %oob250 = icmp uge i64 %k249, %v238
  br i1 %oob250, label %fail251, label %ok252, !prof !{!"branch_weights", i32 1, i32 2000}
fail251:
  %claim253 = cmpxchg i64* %err, i64 0, i64 1 seq_cst seq_cst
  %won254 = extractvalue { i64, i1 } %claim253, 1
  br i1 %won254, label %record255, label %exit256
record255:
  %field257 = getelementptr i64, i64* %err, i64 1
  store volatile i64 0, i64* %field257
  %field258 = getelementptr i64, i64* %err, i64 2
  store volatile i64 566, i64* %field258
  %field259 = getelementptr i64, i64* %err, i64 3
  store volatile i64 %v242, i64* %field259
  %field260 = getelementptr i64, i64* %err, i64 4
  store volatile i64 0, i64* %field260
  %field261 = getelementptr i64, i64* %err, i64 5
  store volatile i64 %v238, i64* %field261
  br label %exit256
exit256:
  call void @llvm.nvvm.membar.gl()
  call void asm sideeffect "exit;", ""()
  unreachable
ok252:
  %term262 = mul i64 %k249, %v240
  %off263 = add i64 0, %term262
  %neg264 = icmp slt i64 %add246, 0
  %wrap265 = add i64 %add246, %v239
  %k266 = select i1 %neg264, i64 %wrap265, i64 %add246
  %oob267 = icmp uge i64 %k266, %v239
  br i1 %oob267, label %fail268, label %ok269, !prof !{!"branch_weights", i32 1, i32 2000}
fail268:
  %claim270 = cmpxchg i64* %err, i64 0, i64 1 seq_cst seq_cst
  %won271 = extractvalue { i64, i1 } %claim270, 1
  br i1 %won271, label %record272, label %exit273
record272:
  %field274 = getelementptr i64, i64* %err, i64 1
  store volatile i64 0, i64* %field274
  %field275 = getelementptr i64, i64* %err, i64 2
  store volatile i64 566, i64* %field275
  %field276 = getelementptr i64, i64* %err, i64 3
  store volatile i64 %add246, i64* %field276
  %field277 = getelementptr i64, i64* %err, i64 4
  store volatile i64 1, i64* %field277
  %field278 = getelementptr i64, i64* %err, i64 5
  store volatile i64 %v239, i64* %field278
  br label %exit273
exit273:
  call void @llvm.nvvm.membar.gl()
  call void asm sideeffect "exit;", ""()
  unreachable
ok269:
  %term279 = mul i64 %k266, %v241
  %off280 = add i64 %off263, %term279
  %byte281 = getelementptr inbounds i8, i8* %v237, i64 %off280
  %elem282 = bitcast i8* %byte281 to float*
  %ld283 = load float, float* %elem282
  %neg284 = icmp slt i64 %v235, 0
  %wrap285 = add i64 %v235, %v231
  %k286 = select i1 %neg284, i64 %wrap285, i64 %v235
  %oob287 = icmp uge i64 %k286, %v231
  br i1 %oob287, label %fail288, label %ok289, !prof !{!"branch_weights", i32 1, i32 2000}
fail288:
  %claim290 = cmpxchg i64* %err, i64 0, i64 1 seq_cst seq_cst
  %won291 = extractvalue { i64, i1 } %claim290, 1
  br i1 %won291, label %record292, label %exit293
record292:
  %field294 = getelementptr i64, i64* %err, i64 1
  store volatile i64 0, i64* %field294
  %field295 = getelementptr i64, i64* %err, i64 2
  store volatile i64 553, i64* %field295
  %field296 = getelementptr i64, i64* %err, i64 3
  store volatile i64 %v235, i64* %field296
  %field297 = getelementptr i64, i64* %err, i64 4
  store volatile i64 0, i64* %field297
  %field298 = getelementptr i64, i64* %err, i64 5
  store volatile i64 %v231, i64* %field298
  br label %exit293
exit293:
  call void @llvm.nvvm.membar.gl()
  call void asm sideeffect "exit;", ""()
  unreachable
ok289:
  %term299 = mul i64 %k286, %v233
  %off300 = add i64 0, %term299
  %neg301 = icmp slt i64 %v236, 0
  %wrap302 = add i64 %v236, %v232
  %k303 = select i1 %neg301, i64 %wrap302, i64 %v236
  %oob304 = icmp uge i64 %k303, %v232
  br i1 %oob304, label %fail305, label %ok306, !prof !{!"branch_weights", i32 1, i32 2000}
fail305:
  %claim307 = cmpxchg i64* %err, i64 0, i64 1 seq_cst seq_cst
  %won308 = extractvalue { i64, i1 } %claim307, 1
  br i1 %won308, label %record309, label %exit310
record309:
  %field311 = getelementptr i64, i64* %err, i64 1
  store volatile i64 0, i64* %field311
  %field312 = getelementptr i64, i64* %err, i64 2
  store volatile i64 553, i64* %field312
  %field313 = getelementptr i64, i64* %err, i64 3
  store volatile i64 %v236, i64* %field313
  %field314 = getelementptr i64, i64* %err, i64 4
  store volatile i64 1, i64* %field314
  %field315 = getelementptr i64, i64* %err, i64 5
  store volatile i64 %v232, i64* %field315
  br label %exit310
exit310:
  call void @llvm.nvvm.membar.gl()
  call void asm sideeffect "exit;", ""()
  unreachable
ok306:
  %term316 = mul i64 %k303, %v234
  %off317 = add i64 %off300, %term316
  %byte318 = getelementptr inbounds i8, i8* %v230, i64 %off317
  %elem319 = bitcast i8* %byte318 to float*
  store float %ld283, float* %elem319
  br label %endif229
else228:
  br label %endif229
endif229:
  %v321 = load i64, i64* %slot44
  %v322 = load i8*, i8** %slot21
  %v323 = load i64, i64* %slot22
  %v324 = load i64, i64* %slot23
  %v325 = load i64, i64* %slot24
  %v326 = load i64, i64* %slot25
  %cmp327 = icmp slt i64 %v321, %v324
  store i1 %cmp327, i1* %logic320
  br i1 %cmp327, label %rhs328, label %logicend329
rhs328:
  %v330 = load i64, i64* %slot45
  %v331 = load i64, i64* %slot48
  %mul332 = mul i64 %v331, 8
  %add333 = add i64 %v330, %mul332
  %v334 = load i8*, i8** %slot21
  %v335 = load i64, i64* %slot22
  %v336 = load i64, i64* %slot23
  %v337 = load i64, i64* %slot24
  %v338 = load i64, i64* %slot25
  %cmp339 = icmp slt i64 %add333, %v335
  store i1 %cmp339, i1* %logic320
  br label %logicend329
logicend329:
  %logic340 = load i1, i1* %logic320
  br i1 %logic340, label %then341, label %else342
then341:
  %v344 = load i8*, i8** %slot36
  %v345 = load i64, i64* %slot37
  %v346 = load i64, i64* %slot38
  %v347 = load i64, i64* %slot39
  %v348 = load i64, i64* %slot40
  %v349 = load i64, i64* %slot45
  %v350 = load i64, i64* %slot46
  %v351 = load i8*, i8** %slot21
  %v352 = load i64, i64* %slot22
  %v353 = load i64, i64* %slot23
  %v354 = load i64, i64* %slot24
  %v355 = load i64, i64* %slot25
  %v356 = load i64, i64* %slot45
  %v357 = load i64, i64* %slot48
  %mul358 = mul i64 %v357, 8
  %add359 = add i64 %v356, %mul358
  %v360 = load i64, i64* %slot44
  %neg361 = icmp slt i64 %add359, 0
  %wrap362 = add i64 %add359, %v352
  %k363 = select i1 %neg361, i64 %wrap362, i64 %add359
  %oob364 = icmp uge i64 %k363, %v352
  br i1 %oob364, label %fail365, label %ok366, !prof !{!"branch_weights", i32 1, i32 2000}
fail365:
  %claim367 = cmpxchg i64* %err, i64 0, i64 1 seq_cst seq_cst
  %won368 = extractvalue { i64, i1 } %claim367, 1
  br i1 %won368, label %record369, label %exit370
record369:
  %field371 = getelementptr i64, i64* %err, i64 1
  store volatile i64 0, i64* %field371
  %field372 = getelementptr i64, i64* %err, i64 2
  store volatile i64 667, i64* %field372
  %field373 = getelementptr i64, i64* %err, i64 3
  store volatile i64 %add359, i64* %field373
  %field374 = getelementptr i64, i64* %err, i64 4
  store volatile i64 0, i64* %field374
  %field375 = getelementptr i64, i64* %err, i64 5
  store volatile i64 %v352, i64* %field375
  br label %exit370
exit370:
  call void @llvm.nvvm.membar.gl()
  call void asm sideeffect "exit;", ""()
  unreachable
ok366:
  %term376 = mul i64 %k363, %v354
  %off377 = add i64 0, %term376
  %neg378 = icmp slt i64 %v360, 0
  %wrap379 = add i64 %v360, %v353
  %k380 = select i1 %neg378, i64 %wrap379, i64 %v360
  %oob381 = icmp uge i64 %k380, %v353
  br i1 %oob381, label %fail382, label %ok383, !prof !{!"branch_weights", i32 1, i32 2000}
fail382:
  %claim384 = cmpxchg i64* %err, i64 0, i64 1 seq_cst seq_cst
  %won385 = extractvalue { i64, i1 } %claim384, 1
  br i1 %won385, label %record386, label %exit387
record386:
  %field388 = getelementptr i64, i64* %err, i64 1
  store volatile i64 0, i64* %field388
  %field389 = getelementptr i64, i64* %err, i64 2
  store volatile i64 667, i64* %field389
  %field390 = getelementptr i64, i64* %err, i64 3
  store volatile i64 %v360, i64* %field390
  %field391 = getelementptr i64, i64* %err, i64 4
  store volatile i64 1, i64* %field391
  %field392 = getelementptr i64, i64* %err, i64 5
  store volatile i64 %v353, i64* %field392
  br label %exit387
exit387:
  call void @llvm.nvvm.membar.gl()
  call void asm sideeffect "exit;", ""()
  unreachable
ok383:
  %term393 = mul i64 %k380, %v355
  %off394 = add i64 %off377, %term393
  %byte395 = getelementptr inbounds i8, i8* %v351, i64 %off394
  %elem396 = bitcast i8* %byte395 to float*
  %ld397 = load float, float* %elem396
  %neg398 = icmp slt i64 %v349, 0
  %wrap399 = add i64 %v349, %v345
  %k400 = select i1 %neg398, i64 %wrap399, i64 %v349
  %oob401 = icmp uge i64 %k400, %v345
  br i1 %oob401, label %fail402, label %ok403, !prof !{!"branch_weights", i32 1, i32 2000}
fail402:
  %claim404 = cmpxchg i64* %err, i64 0, i64 1 seq_cst seq_cst
  %won405 = extractvalue { i64, i1 } %claim404, 1
  br i1 %won405, label %record406, label %exit407
record406:
  %field408 = getelementptr i64, i64* %err, i64 1
  store volatile i64 0, i64* %field408
  %field409 = getelementptr i64, i64* %err, i64 2
  store volatile i64 654, i64* %field409
  %field410 = getelementptr i64, i64* %err, i64 3
  store volatile i64 %v349, i64* %field410
  %field411 = getelementptr i64, i64* %err, i64 4
  store volatile i64 0, i64* %field411
  %field412 = getelementptr i64, i64* %err, i64 5
  store volatile i64 %v345, i64* %field412
  br label %exit407
exit407:
  call void @llvm.nvvm.membar.gl()
  call void asm sideeffect "exit;", ""()
  unreachable
ok403:
  %term413 = mul i64 %k400, %v347
  %off414 = add i64 0, %term413
  %neg415 = icmp slt i64 %v350, 0
  %wrap416 = add i64 %v350, %v346
  %k417 = select i1 %neg415, i64 %wrap416, i64 %v350
  %oob418 = icmp uge i64 %k417, %v346
  br i1 %oob418, label %fail419, label %ok420, !prof !{!"branch_weights", i32 1, i32 2000}
fail419:
  %claim421 = cmpxchg i64* %err, i64 0, i64 1 seq_cst seq_cst
  %won422 = extractvalue { i64, i1 } %claim421, 1
  br i1 %won422, label %record423, label %exit424
record423:
  %field425 = getelementptr i64, i64* %err, i64 1
  store volatile i64 0, i64* %field425
  %field426 = getelementptr i64, i64* %err, i64 2
  store volatile i64 654, i64* %field426
  %field427 = getelementptr i64, i64* %err, i64 3
  store volatile i64 %v350, i64* %field427
  %field428 = getelementptr i64, i64* %err, i64 4
  store volatile i64 1, i64* %field428
  %field429 = getelementptr i64, i64* %err, i64 5
  store volatile i64 %v346, i64* %field429
  br label %exit424
exit424:
  call void @llvm.nvvm.membar.gl()
  call void asm sideeffect "exit;", ""()
  unreachable
ok420:
  %term430 = mul i64 %k417, %v348
  %off431 = add i64 %off414, %term430
  %byte432 = getelementptr inbounds i8, i8* %v344, i64 %off431
  %elem433 = bitcast i8* %byte432 to float*
  store float %ld397, float* %elem433
  br label %endif343
else342:
  br label %endif343
endif343:
  call void @llvm.nvvm.barrier0()
  store i64 0, i64* %counter434
  br label %for435
for435:
  %i440 = load i64, i64* %counter434
  %up441 = icmp sgt i64 1, 0
  %lt442 = icmp slt i64 %i440, 8
  %gt443 = icmp sgt i64 %i440, 8
  %go444 = select i1 %up441, i1 %lt442, i1 %gt443
  br i1 %go444, label %forbody436, label %forelse438
forbody436:
  store i64 %i440, i64* %slot49
  %v445 = load float, float* %slot47
  %v446 = load i8*, i8** %slot31
  %v447 = load i64, i64* %slot32
  %v448 = load i64, i64* %slot33
  %v449 = load i64, i64* %slot34
  %v450 = load i64, i64* %slot35
  %v451 = load i64, i64* %slot45
  %v452 = load i64, i64* %slot49
  %neg453 = icmp slt i64 %v451, 0
  %wrap454 = add i64 %v451, %v447
  %k455 = select i1 %neg453, i64 %wrap454, i64 %v451
  %oob456 = icmp uge i64 %k455, %v447
  br i1 %oob456, label %fail457, label %ok458, !prof !{!"branch_weights", i32 1, i32 2000}
fail457:
  %claim459 = cmpxchg i64* %err, i64 0, i64 1 seq_cst seq_cst
  %won460 = extractvalue { i64, i1 } %claim459, 1
  br i1 %won460, label %record461, label %exit462
record461:
  %field463 = getelementptr i64, i64* %err, i64 1
  store volatile i64 0, i64* %field463
  %field464 = getelementptr i64, i64* %err, i64 2
  store volatile i64 761, i64* %field464
  %field465 = getelementptr i64, i64* %err, i64 3
  store volatile i64 %v451, i64* %field465
  %field466 = getelementptr i64, i64* %err, i64 4
  store volatile i64 0, i64* %field466
  %field467 = getelementptr i64, i64* %err, i64 5
  store volatile i64 %v447, i64* %field467
  br label %exit462
exit462:
  call void @llvm.nvvm.membar.gl()
  call void asm sideeffect "exit;", ""()
  unreachable
ok458:
  %term468 = mul i64 %k455, %v449
  %off469 = add i64 0, %term468
  %neg470 = icmp slt i64 %v452, 0
  %wrap471 = add i64 %v452, %v448
  %k472 = select i1 %neg470, i64 %wrap471, i64 %v452
  %oob473 = icmp uge i64 %k472, %v448
  br i1 %oob473, label %fail474, label %ok475, !prof !{!"branch_weights", i32 1, i32 2000}
fail474:
  %claim476 = cmpxchg i64* %err, i64 0, i64 1 seq_cst seq_cst
  %won477 = extractvalue { i64, i1 } %claim476, 1
  br i1 %won477, label %record478, label %exit479
record478:
  %field480 = getelementptr i64, i64* %err, i64 1
  store volatile i64 0, i64* %field480
  %field481 = getelementptr i64, i64* %err, i64 2
  store volatile i64 761, i64* %field481
  %field482 = getelementptr i64, i64* %err, i64 3
  store volatile i64 %v452, i64* %field482
  %field483 = getelementptr i64, i64* %err, i64 4
  store volatile i64 1, i64* %field483
  %field484 = getelementptr i64, i64* %err, i64 5
  store volatile i64 %v448, i64* %field484
  br label %exit479
exit479:
  call void @llvm.nvvm.membar.gl()
  call void asm sideeffect "exit;", ""()
  unreachable
ok475:
  %term485 = mul i64 %k472, %v450
  %off486 = add i64 %off469, %term485
  %byte487 = getelementptr inbounds i8, i8* %v446, i64 %off486
  %elem488 = bitcast i8* %byte487 to float*
  %ld489 = load float, float* %elem488
  %v490 = load i8*, i8** %slot36
  %v491 = load i64, i64* %slot37
  %v492 = load i64, i64* %slot38
  %v493 = load i64, i64* %slot39
  %v494 = load i64, i64* %slot40
  %v495 = load i64, i64* %slot49
  %v496 = load i64, i64* %slot46
  %neg497 = icmp slt i64 %v495, 0
  %wrap498 = add i64 %v495, %v491
  %k499 = select i1 %neg497, i64 %wrap498, i64 %v495
  %oob500 = icmp uge i64 %k499, %v491
  br i1 %oob500, label %fail501, label %ok502, !prof !{!"branch_weights", i32 1, i32 2000}
fail501:
  %claim503 = cmpxchg i64* %err, i64 0, i64 1 seq_cst seq_cst
  %won504 = extractvalue { i64, i1 } %claim503, 1
  br i1 %won504, label %record505, label %exit506
record505:
  %field507 = getelementptr i64, i64* %err, i64 1
  store volatile i64 0, i64* %field507
  %field508 = getelementptr i64, i64* %err, i64 2
  store volatile i64 773, i64* %field508
  %field509 = getelementptr i64, i64* %err, i64 3
  store volatile i64 %v495, i64* %field509
  %field510 = getelementptr i64, i64* %err, i64 4
  store volatile i64 0, i64* %field510
  %field511 = getelementptr i64, i64* %err, i64 5
  store volatile i64 %v491, i64* %field511
  br label %exit506
exit506:
  call void @llvm.nvvm.membar.gl()
  call void asm sideeffect "exit;", ""()
  unreachable
ok502:
  %term512 = mul i64 %k499, %v493
  %off513 = add i64 0, %term512
  %neg514 = icmp slt i64 %v496, 0
  %wrap515 = add i64 %v496, %v492
  %k516 = select i1 %neg514, i64 %wrap515, i64 %v496
  %oob517 = icmp uge i64 %k516, %v492
  br i1 %oob517, label %fail518, label %ok519, !prof !{!"branch_weights", i32 1, i32 2000}
fail518:
  %claim520 = cmpxchg i64* %err, i64 0, i64 1 seq_cst seq_cst
  %won521 = extractvalue { i64, i1 } %claim520, 1
  br i1 %won521, label %record522, label %exit523
record522:
  %field524 = getelementptr i64, i64* %err, i64 1
  store volatile i64 0, i64* %field524
  %field525 = getelementptr i64, i64* %err, i64 2
  store volatile i64 773, i64* %field525
  %field526 = getelementptr i64, i64* %err, i64 3
  store volatile i64 %v496, i64* %field526
  %field527 = getelementptr i64, i64* %err, i64 4
  store volatile i64 1, i64* %field527
  %field528 = getelementptr i64, i64* %err, i64 5
  store volatile i64 %v492, i64* %field528
  br label %exit523
exit523:
  call void @llvm.nvvm.membar.gl()
  call void asm sideeffect "exit;", ""()
  unreachable
ok519:
  %term529 = mul i64 %k516, %v494
  %off530 = add i64 %off513, %term529
  %byte531 = getelementptr inbounds i8, i8* %v490, i64 %off530
  %elem532 = bitcast i8* %byte531 to float*
  %ld533 = load float, float* %elem532
  %mul534 = fmul float %ld489, %ld533
  %add535 = fadd float %v445, %mul534
  store float %add535, float* %slot47
  br label %forinc437
forinc437:
  %i536 = load i64, i64* %counter434
  %next537 = add i64 %i536, 1
  store i64 %next537, i64* %counter434
  br label %for435
forelse438:
  br label %endfor439
endfor439:
  call void @llvm.nvvm.barrier0()
  br label %forinc112
forinc112:
  %i538 = load i64, i64* %counter109
  %next539 = add i64 %i538, 1
  store i64 %next539, i64* %counter109
  br label %for110
forelse113:
  br label %endfor114
endfor114:
  %v541 = load i64, i64* %slot43
  %v542 = load i8*, i8** %slot26
  %v543 = load i64, i64* %slot27
  %v544 = load i64, i64* %slot28
  %v545 = load i64, i64* %slot29
  %v546 = load i64, i64* %slot30
  %cmp547 = icmp slt i64 %v541, %v543
  store i1 %cmp547, i1* %logic540
  br i1 %cmp547, label %rhs548, label %logicend549
rhs548:
  %v550 = load i64, i64* %slot44
  %v551 = load i8*, i8** %slot26
  %v552 = load i64, i64* %slot27
  %v553 = load i64, i64* %slot28
  %v554 = load i64, i64* %slot29
  %v555 = load i64, i64* %slot30
  %cmp556 = icmp slt i64 %v550, %v553
  store i1 %cmp556, i1* %logic540
  br label %logicend549
logicend549:
  %logic557 = load i1, i1* %logic540
  br i1 %logic557, label %then558, label %else559
then558:
  %v561 = load i8*, i8** %slot26
  %v562 = load i64, i64* %slot27
  %v563 = load i64, i64* %slot28
  %v564 = load i64, i64* %slot29
  %v565 = load i64, i64* %slot30
  %v566 = load i64, i64* %slot43
  %v567 = load i64, i64* %slot44
  %v568 = load float, float* %slot47
  %neg569 = icmp slt i64 %v566, 0
  %wrap570 = add i64 %v566, %v562
  %k571 = select i1 %neg569, i64 %wrap570, i64 %v566
  %oob572 = icmp uge i64 %k571, %v562
  br i1 %oob572, label %fail573, label %ok574, !prof !{!"branch_weights", i32 1, i32 2000}
fail573:
  %claim575 = cmpxchg i64* %err, i64 0, i64 1 seq_cst seq_cst
  %won576 = extractvalue { i64, i1 } %claim575, 1
  br i1 %won576, label %record577, label %exit578
record577:
  %field579 = getelementptr i64, i64* %err, i64 1
  store volatile i64 0, i64* %field579
  %field580 = getelementptr i64, i64* %err, i64 2
  store volatile i64 860, i64* %field580
  %field581 = getelementptr i64, i64* %err, i64 3
  store volatile i64 %v566, i64* %field581
  %field582 = getelementptr i64, i64* %err, i64 4
  store volatile i64 0, i64* %field582
  %field583 = getelementptr i64, i64* %err, i64 5
  store volatile i64 %v562, i64* %field583
  br label %exit578
exit578:
  call void @llvm.nvvm.membar.gl()
  call void asm sideeffect "exit;", ""()
  unreachable
ok574:
  %term584 = mul i64 %k571, %v564
  %off585 = add i64 0, %term584
  %neg586 = icmp slt i64 %v567, 0
  %wrap587 = add i64 %v567, %v563
  %k588 = select i1 %neg586, i64 %wrap587, i64 %v567
  %oob589 = icmp uge i64 %k588, %v563
  br i1 %oob589, label %fail590, label %ok591, !prof !{!"branch_weights", i32 1, i32 2000}
fail590:
  %claim592 = cmpxchg i64* %err, i64 0, i64 1 seq_cst seq_cst
  %won593 = extractvalue { i64, i1 } %claim592, 1
  br i1 %won593, label %record594, label %exit595
record594:
  %field596 = getelementptr i64, i64* %err, i64 1
  store volatile i64 0, i64* %field596
  %field597 = getelementptr i64, i64* %err, i64 2
  store volatile i64 860, i64* %field597
  %field598 = getelementptr i64, i64* %err, i64 3
  store volatile i64 %v567, i64* %field598
  %field599 = getelementptr i64, i64* %err, i64 4
  store volatile i64 1, i64* %field599
  %field600 = getelementptr i64, i64* %err, i64 5
  store volatile i64 %v563, i64* %field600
  br label %exit595
exit595:
  call void @llvm.nvvm.membar.gl()
  call void asm sideeffect "exit;", ""()
  unreachable
ok591:
  %term601 = mul i64 %k588, %v565
  %off602 = add i64 %off585, %term601
  %byte603 = getelementptr inbounds i8, i8* %v561, i64 %off602
  %elem604 = bitcast i8* %byte603 to float*
  store float %v568, float* %elem604
  br label %endif560
else559:
  br label %endif560
endif560:
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

