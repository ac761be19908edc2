; sum_reduce(float64[:], float64[:])
target datalayout = "e-i64:64-i128:128-v16:16-v32:32-n16:32:64"
target triple = "nvptx64-nvidia-cuda"

@shared_sum_reduce_0_213 = internal addrspace(3) global [64 x double] undef, align 16

define void @sum_reduce_0(i8* %arg20, i64 %arg21, i64 %arg22, i8* %arg23, i64 %arg24, i64 %arg25, i64* %err) {
entry:
  %slot1 = alloca i8*
  %slot2 = alloca i64
  %slot3 = alloca i64
  %slot4 = alloca i8*
  %slot5 = alloca i64
  %slot6 = alloca i64
  %slot7 = alloca i8*
  %slot8 = alloca i64
  %slot9 = alloca i64
  %slot10 = alloca i8*
  %slot11 = alloca i64
  %slot12 = alloca i64
  %slot13 = alloca i8*
  %slot14 = alloca i64
  %slot15 = alloca i64
  %slot16 = alloca i64
  %slot17 = alloca i64
  %slot18 = alloca double
  %slot19 = alloca i64
  store i8* %arg20, i8** %slot1
  store i64 %arg21, i64* %slot2
  store i64 %arg22, i64* %slot3
  store i8* %arg23, i8** %slot4
  store i64 %arg24, i64* %slot5
  store i64 %arg25, i64* %slot6
  br label %body
body:
  %v26 = load i8*, i8** %slot1
  %v27 = load i64, i64* %slot2
  %v28 = load i64, i64* %slot3
  store i8* %v26, i8** %slot7
  store i64 %v27, i64* %slot8
  store i64 %v28, i64* %slot9
  %v29 = load i8*, i8** %slot4
  %v30 = load i64, i64* %slot5
  %v31 = load i64, i64* %slot6
  store i8* %v29, i8** %slot10
  store i64 %v30, i64* %slot11
  store i64 %v31, i64* %slot12
  %shared32 = addrspacecast [64 x double] addrspace(3)* @shared_sum_reduce_0_213 to i8*
  store i8* %shared32, i8** %slot13
  store i64 64, i64* %slot14
  store i64 8, i64* %slot15
  %sreg33 = call i32 @llvm.nvvm.read.ptx.sreg.tid.x()
  %idx34 = zext i32 %sreg33 to i64
  store i64 %idx34, i64* %slot16
  %sreg35 = call i32 @llvm.nvvm.read.ptx.sreg.ntid.x()
  %idx36 = zext i32 %sreg35 to i64
  %sreg37 = call i32 @llvm.nvvm.read.ptx.sreg.ctaid.x()
  %idx38 = zext i32 %sreg37 to i64
  %mul39 = mul i64 %idx36, %idx38
  %sreg40 = call i32 @llvm.nvvm.read.ptx.sreg.tid.x()
  %idx41 = zext i32 %sreg40 to i64
  %add42 = add i64 %mul39, %idx41
  store i64 %add42, i64* %slot17
  store double 0x0000000000000000, double* %slot18
  br label %while43
while43:
  %v47 = load i64, i64* %slot17
  %v48 = load i8*, i8** %slot7
  %v49 = load i64, i64* %slot8
  %v50 = load i64, i64* %slot9
  %cmp51 = icmp slt i64 %v47, %v49
  br i1 %cmp51, label %body44, label %orelse45
body44:
  %v52 = load double, double* %slot18
  %v53 = load i8*, i8** %slot7
  %v54 = load i64, i64* %slot8
  %v55 = load i64, i64* %slot9
  %v56 = load i64, i64* %slot17
  %neg57 = icmp slt i64 %v56, 0
  %wrap58 = add i64 %v56, %v54
  %k59 = select i1 %neg57, i64 %wrap58, i64 %v56
  %oob60 = icmp uge i64 %k59, %v54
  br i1 %oob60, label %fail61, label %ok62, !prof !{!"branch_weights", i32 1, i32 2000}
fail61:
  %claim63 = cmpxchg i64* %err, i64 0, i64 1 seq_cst seq_cst
  %won64 = extractvalue { i64, i1 } %claim63, 1
  br i1 %won64, label %record65, label %exit66
record65:
  %field67 = getelementptr i64, i64* %err, i64 1
  store volatile i64 0, i64* %field67
  %field68 = getelementptr i64, i64* %err, i64 2
  store volatile i64 356, i64* %field68
  %field69 = getelementptr i64, i64* %err, i64 3
  store volatile i64 %v56, i64* %field69
  %field70 = getelementptr i64, i64* %err, i64 4
  store volatile i64 0, i64* %field70
  %field71 = getelementptr i64, i64* %err, i64 5
  store volatile i64 %v54, i64* %field71
  br label %exit66
exit66:
  call void @llvm.nvvm.membar.gl()
  call void asm sideeffect "exit;", ""()
  unreachable
ok62:
  %term72 = mul i64 %k59, %v55
  %off73 = add i64 0, %term72
  %byte74 = getelementptr inbounds i8, i8* %v53, i64 %off73
  %elem75 = bitcast i8* %byte74 to double*
  %ld76 = load double, double* %elem75
  %add77 = fadd double %v52, %ld76
  store double %add77, double* %slot18
  %v78 = load i64, i64* %slot17
  %sreg79 = call i32 @llvm.nvvm.read.ptx.sreg.ntid.x()
  %idx80 = zext i32 %sreg79 to i64
  %sreg81 = call i32 @llvm.nvvm.read.ptx.sreg.nctaid.x()
  %idx82 = zext i32 %sreg81 to i64
  %mul83 = mul i64 %idx80, %idx82
  %add84 = add i64 %v78, %mul83
  store i64 %add84, i64* %slot17
  br label %while43
orelse45:
  br label %endwhile46
endwhile46:
  %v85 = load i8*, i8** %slot13
  %v86 = load i64, i64* %slot14
  %v87 = load i64, i64* %slot15
  %v88 = load i64, i64* %slot16
  %v89 = load double, double* %slot18
  %neg90 = icmp slt i64 %v88, 0
  %wrap91 = add i64 %v88, %v86
  %k92 = select i1 %neg90, i64 %wrap91, i64 %v88
  %oob93 = icmp uge i64 %k92, %v86
  br i1 %oob93, label %fail94, label %ok95, !prof !{!"branch_weights", i32 1, i32 2000}
fail94:
  %claim96 = cmpxchg i64* %err, i64 0, i64 1 seq_cst seq_cst
  %won97 = extractvalue { i64, i1 } %claim96, 1
  br i1 %won97, label %record98, label %exit99
record98:
  %field100 = getelementptr i64, i64* %err, i64 1
  store volatile i64 0, i64* %field100
  %field101 = getelementptr i64, i64* %err, i64 2
  store volatile i64 395, i64* %field101
  %field102 = getelementptr i64, i64* %err, i64 3
  store volatile i64 %v88, i64* %field102
  %field103 = getelementptr i64, i64* %err, i64 4
  store volatile i64 0, i64* %field103
  %field104 = getelementptr i64, i64* %err, i64 5
  store volatile i64 %v86, i64* %field104
  br label %exit99
exit99:
  call void @llvm.nvvm.membar.gl()
  call void asm sideeffect "exit;", ""()
  unreachable
ok95:
  %term105 = mul i64 %k92, %v87
  %off106 = add i64 0, %term105
  %byte107 = getelementptr inbounds i8, i8* %v85, i64 %off106
  %elem108 = bitcast i8* %byte107 to double*
  store double %v89, double* %elem108
  call void @llvm.nvvm.barrier0()
  %zero109 = icmp eq i64 2, 0
  br i1 %zero109, label %fail110, label %ok111, !prof !{!"branch_weights", i32 1, i32 2000}
fail110:
  %claim112 = cmpxchg i64* %err, i64 0, i64 2 seq_cst seq_cst
  %won113 = extractvalue { i64, i1 } %claim112, 1
  br i1 %won113, label %record114, label %exit115
record114:
  %field116 = getelementptr i64, i64* %err, i64 1
  store volatile i64 0, i64* %field116
  %field117 = getelementptr i64, i64* %err, i64 2
  store volatile i64 439, i64* %field117
  br label %exit115
exit115:
  call void @llvm.nvvm.membar.gl()
  call void asm sideeffect "exit;", ""()
  unreachable
ok111:
  %q118 = sdiv i64 64, 2
  %r119 = srem i64 64, 2
  %nz120 = icmp ne i64 %r119, 0
  %x121 = xor i64 %r119, 2
  %opp122 = icmp slt i64 %x121, 0
  %adj123 = and i1 %nz120, %opp122
  %q124 = sub i64 %q118, 1
  %floordiv125 = select i1 %adj123, i64 %q124, i64 %q118
  store i64 %floordiv125, i64* %slot19
  br label %while126
while126:
  %v130 = load i64, i64* %slot19
  %cmp131 = icmp sgt i64 %v130, 0
  br i1 %cmp131, label %body127, label %orelse128
body127:
  %v132 = load i64, i64* %slot16
  %v133 = load i64, i64* %slot19
  %cmp134 = icmp slt i64 %v132, %v133
  br i1 %cmp134, label %then135, label %else136
then135:
  %v138 = load i8*, i8** %slot13
  %v139 = load i64, i64* %slot14
  %v140 = load i64, i64* %slot15
  %v141 = load i64, i64* %slot16
  %v142 = load i8*, i8** %slot13
  %v143 = load i64, i64* %slot14
  %v144 = load i64, i64* %slot15
  %v145 = load i64, i64* %slot16
  %neg146 = icmp slt i64 %v145, 0
  %wrap147 = add i64 %v145, %v143
  %k148 = select i1 %neg146, i64 %wrap147, i64 %v145
  %oob149 = icmp uge i64 %k148, %v143
  br i1 %oob149, label %fail150, label %ok151, !prof !{!"branch_weights", i32 1, i32 2000}
fail150:
  %claim152 = cmpxchg i64* %err, i64 0, i64 1 seq_cst seq_cst
  %won153 = extractvalue { i64, i1 } %claim152, 1
  br i1 %won153, label %record154, label %exit155
record154:
  %field156 = getelementptr i64, i64* %err, i64 1
  store volatile i64 0, i64* %field156
  %field157 = getelementptr i64, i64* %err, i64 2
  store volatile i64 499, i64* %field157
  %field158 = getelementptr i64, i64* %err, i64 3
  store volatile i64 %v145, i64* %field158
  %field159 = getelementptr i64, i64* %err, i64 4
  store volatile i64 0, i64* %field159
  %field160 = getelementptr i64, i64* %err, i64 5
  store volatile i64 %v143, i64* %field160
  br label %exit155
exit155:
  call void @llvm.nvvm.membar.gl()
  call void asm sideeffect "exit;", ""()
  unreachable
ok151:
  %term161 = mul i64 %k148, %v144
  %off162 = add i64 0, %term161
  %byte163 = getelementptr inbounds i8, i8* %v142, i64 %off162
  %elem164 = bitcast i8* %byte163 to double*
  %ld165 = load double, double* %elem164
  %v166 = load i8*, i8** %slot13
  %v167 = load i64, i64* %slot14
  %v168 = load i64, i64* %slot15
  %v169 = load i64, i64* %slot16
  %v170 = load i64, i64* %slot19
  %add171 = add i64 %v169, %v170
  %neg172 = icmp slt i64 %add171, 0
  %wrap173 = add i64 %add171, %v167
  %k174 = select i1 %neg172, i64 %wrap173, i64 %add171
  %oob175 = icmp uge i64 %k174, %v167
  br i1 %oob175, label %fail176, label %ok177, !prof !{!"branch_weights", i32 1, i32 2000}
fail176:
  %claim178 = cmpxchg i64* %err, i64 0, i64 1 seq_cst seq_cst
  %won179 = extractvalue { i64, i1 } %claim178, 1
  br i1 %won179, label %record180, label %exit181
record180:
  %field182 = getelementptr i64, i64* %err, i64 1
  store volatile i64 0, i64* %field182
  %field183 = getelementptr i64, i64* %err, i64 2
  store volatile i64 509, i64* %field183
  %field184 = getelementptr i64, i64* %err, i64 3
  store volatile i64 %add171, i64* %field184
  %field185 = getelementptr i64, i64* %err, i64 4
  store volatile i64 0, i64* %field185
  %field186 = getelementptr i64, i64* %err, i64 5
  store volatile i64 %v167, i64* %field186
  br label %exit181
exit181:
  call void @llvm.nvvm.membar.gl()
  call void asm sideeffect "exit;", ""()
  unreachable
ok177:
  %term187 = mul i64 %k174, %v168
  %off188 = add i64 0, %term187
  %byte189 = getelementptr inbounds i8, i8* %v166, i64 %off188
  %elem190 = bitcast i8* %byte189 to double*
  %ld191 = load double, double* %elem190
  %add192 = fadd double %ld165, %ld191
  %neg193 = icmp slt i64 %v141, 0
  %wrap194 = add i64 %v141, %v139
  %k195 = select i1 %neg193, i64 %wrap194, i64 %v141
  %oob196 = icmp uge i64 %k195, %v139
  br i1 %oob196, label %fail197, label %ok198, !prof !{!"branch_weights", i32 1, i32 2000}
fail197:
  %claim199 = cmpxchg i64* %err, i64 0, i64 1 seq_cst seq_cst
  %won200 = extractvalue { i64, i1 } %claim199, 1
  br i1 %won200, label %record201, label %exit202
record201:
  %field203 = getelementptr i64, i64* %err, i64 1
  store volatile i64 0, i64* %field203
  %field204 = getelementptr i64, i64* %err, i64 2
  store volatile i64 499, i64* %field204
  %field205 = getelementptr i64, i64* %err, i64 3
  store volatile i64 %v141, i64* %field205
  %field206 = getelementptr i64, i64* %err, i64 4
  store volatile i64 0, i64* %field206
  %field207 = getelementptr i64, i64* %err, i64 5
  store volatile i64 %v139, i64* %field207
  br label %exit202
exit202:
  call void @llvm.nvvm.membar.gl()
  call void asm sideeffect "exit;", ""()
  unreachable
ok198:
  %term208 = mul i64 %k195, %v140
  %off209 = add i64 0, %term208
  %byte210 = getelementptr inbounds i8, i8* %v138, i64 %off209
  %elem211 = bitcast i8* %byte210 to double*
  store double %add192, double* %elem211
  br label %endif137
else136:
  br label %endif137
endif137:
  call void @llvm.nvvm.barrier0()
  %v212 = load i64, i64* %slot19
  %zero213 = icmp eq i64 2, 0
  br i1 %zero213, label %fail214, label %ok215, !prof !{!"branch_weights", i32 1, i32 2000}
fail214:
  %claim216 = cmpxchg i64* %err, i64 0, i64 2 seq_cst seq_cst
  %won217 = extractvalue { i64, i1 } %claim216, 1
  br i1 %won217, label %record218, label %exit219
record218:
  %field220 = getelementptr i64, i64* %err, i64 1
  store volatile i64 0, i64* %field220
  %field221 = getelementptr i64, i64* %err, i64 2
  store volatile i64 555, i64* %field221
  br label %exit219
exit219:
  call void @llvm.nvvm.membar.gl()
  call void asm sideeffect "exit;", ""()
  unreachable
ok215:
  %q222 = sdiv i64 %v212, 2
  %r223 = srem i64 %v212, 2
  %nz224 = icmp ne i64 %r223, 0
  %x225 = xor i64 %r223, 2
  %opp226 = icmp slt i64 %x225, 0
  %adj227 = and i1 %nz224, %opp226
  %q228 = sub i64 %q222, 1
  %floordiv229 = select i1 %adj227, i64 %q228, i64 %q222
  store i64 %floordiv229, i64* %slot19
  br label %while126
orelse128:
  br label %endwhile129
endwhile129:
  %v230 = load i64, i64* %slot16
  %cmp231 = icmp eq i64 %v230, 0
  br i1 %cmp231, label %then232, label %else233
then232:
  %v235 = load i8*, i8** %slot10
  %v236 = load i64, i64* %slot11
  %v237 = load i64, i64* %slot12
  %v238 = load i8*, i8** %slot13
  %v239 = load i64, i64* %slot14
  %v240 = load i64, i64* %slot15
  %neg241 = icmp slt i64 0, 0
  %wrap242 = add i64 0, %v239
  %k243 = select i1 %neg241, i64 %wrap242, i64 0
  %oob244 = icmp uge i64 %k243, %v239
  br i1 %oob244, label %fail245, label %ok246, !prof !{!"branch_weights", i32 1, i32 2000}
fail245:
  %claim247 = cmpxchg i64* %err, i64 0, i64 1 seq_cst seq_cst
  %won248 = extractvalue { i64, i1 } %claim247, 1
  br i1 %won248, label %record249, label %exit250
record249:
  %field251 = getelementptr i64, i64* %err, i64 1
  store volatile i64 0, i64* %field251
  %field252 = getelementptr i64, i64* %err, i64 2
  store volatile i64 613, i64* %field252
  %field253 = getelementptr i64, i64* %err, i64 3
  store volatile i64 0, i64* %field253
  %field254 = getelementptr i64, i64* %err, i64 4
  store volatile i64 0, i64* %field254
  %field255 = getelementptr i64, i64* %err, i64 5
  store volatile i64 %v239, i64* %field255
  br label %exit250
exit250:
  call void @llvm.nvvm.membar.gl()
  call void asm sideeffect "exit;", ""()
  unreachable
ok246:
  %term256 = mul i64 %k243, %v240
  %off257 = add i64 0, %term256
  %byte258 = getelementptr inbounds i8, i8* %v238, i64 %off257
  %elem259 = bitcast i8* %byte258 to double*
  %ld260 = load double, double* %elem259
  %neg261 = icmp slt i64 0, 0
  %wrap262 = add i64 0, %v236
  %k263 = select i1 %neg261, i64 %wrap262, i64 0
  %oob264 = icmp uge i64 %k263, %v236
  br i1 %oob264, label %fail265, label %ok266, !prof !{!"branch_weights", i32 1, i32 2000}
fail265:
  %claim267 = cmpxchg i64* %err, i64 0, i64 1 seq_cst seq_cst
  %won268 = extractvalue { i64, i1 } %claim267, 1
  br i1 %won268, label %record269, label %exit270
record269:
  %field271 = getelementptr i64, i64* %err, i64 1
  store volatile i64 0, i64* %field271
  %field272 = getelementptr i64, i64* %err, i64 2
  store volatile i64 586, i64* %field272
  %field273 = getelementptr i64, i64* %err, i64 3
  store volatile i64 0, i64* %field273
  %field274 = getelementptr i64, i64* %err, i64 4
  store volatile i64 0, i64* %field274
  %field275 = getelementptr i64, i64* %err, i64 5
  store volatile i64 %v236, i64* %field275
  br label %exit270
exit270:
  call void @llvm.nvvm.membar.gl()
  call void asm sideeffect "exit;", ""()
  unreachable
ok266:
  %term276 = mul i64 %k263, %v237
  %off277 = add i64 0, %term276
  %byte278 = getelementptr inbounds i8, i8* %v235, i64 %off277
  %elem279 = bitcast i8* %byte278 to double*
  %old280 = atomicrmw fadd double* %elem279, double %ld260 seq_cst
  br label %endif234
else233:
  br label %endif234
endif234:
  ret void
}

declare i32 @llvm.nvvm.read.ptx.sreg.tid.x()
declare i32 @llvm.nvvm.read.ptx.sreg.ntid.x()
declare i32 @llvm.nvvm.read.ptx.sreg.ctaid.x()
declare void @llvm.nvvm.membar.gl()
declare i32 @llvm.nvvm.read.ptx.sreg.nctaid.x()
declare void @llvm.nvvm.barrier0()

!nvvm.annotations = !{!0}
!0 = !{void (i8*, i64, i64, i8*, i64, i64, i64*)* @sum_reduce_0, !"kernel", i32 1}

