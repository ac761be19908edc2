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
  %shr109 = ashr i64 64, 1
  store i64 %shr109, i64* %slot19
  br label %while110
while110:
  %v114 = load i64, i64* %slot19
  %cmp115 = icmp sgt i64 %v114, 0
  br i1 %cmp115, label %body111, label %orelse112
body111:
  %v116 = load i64, i64* %slot16
  %v117 = load i64, i64* %slot19
  %cmp118 = icmp slt i64 %v116, %v117
  br i1 %cmp118, label %then119, label %else120
then119:
  %v122 = load i8*, i8** %slot13
  %v123 = load i64, i64* %slot14
  %v124 = load i64, i64* %slot15
  %v125 = load i64, i64* %slot16
  %v126 = load i8*, i8** %slot13
  %v127 = load i64, i64* %slot14
  %v128 = load i64, i64* %slot15
  %v129 = load i64, i64* %slot16
  %neg130 = icmp slt i64 %v129, 0
  %wrap131 = add i64 %v129, %v127
  %k132 = select i1 %neg130, i64 %wrap131, i64 %v129
  %oob133 = icmp uge i64 %k132, %v127
  br i1 %oob133, label %fail134, label %ok135, !prof !{!"branch_weights", i32 1, i32 2000}
fail134:
  %claim136 = cmpxchg i64* %err, i64 0, i64 1 seq_cst seq_cst
  %won137 = extractvalue { i64, i1 } %claim136, 1
  br i1 %won137, label %record138, label %exit139
record138:
  %field140 = getelementptr i64, i64* %err, i64 1
  store volatile i64 0, i64* %field140
  %field141 = getelementptr i64, i64* %err, i64 2
  store volatile i64 499, i64* %field141
  %field142 = getelementptr i64, i64* %err, i64 3
  store volatile i64 %v129, i64* %field142
  %field143 = getelementptr i64, i64* %err, i64 4
  store volatile i64 0, i64* %field143
  %field144 = getelementptr i64, i64* %err, i64 5
  store volatile i64 %v127, i64* %field144
  br label %exit139
exit139:
  call void @llvm.nvvm.membar.gl()
  call void asm sideeffect "exit;", ""()
  unreachable
ok135:
  %term145 = mul i64 %k132, %v128
  %off146 = add i64 0, %term145
  %byte147 = getelementptr inbounds i8, i8* %v126, i64 %off146
  %elem148 = bitcast i8* %byte147 to double*
  %ld149 = load double, double* %elem148
  %v150 = load i8*, i8** %slot13
  %v151 = load i64, i64* %slot14
  %v152 = load i64, i64* %slot15
  %v153 = load i64, i64* %slot16
  %v154 = load i64, i64* %slot19
  %add155 = add i64 %v153, %v154
  %neg156 = icmp slt i64 %add155, 0
  %wrap157 = add i64 %add155, %v151
  %k158 = select i1 %neg156, i64 %wrap157, i64 %add155
  %oob159 = icmp uge i64 %k158, %v151
  br i1 %oob159, label %fail160, label %ok161, !prof !{!"branch_weights", i32 1, i32 2000}
fail160:
  %claim162 = cmpxchg i64* %err, i64 0, i64 1 seq_cst seq_cst
  %won163 = extractvalue { i64, i1 } %claim162, 1
  br i1 %won163, label %record164, label %exit165
record164:
  %field166 = getelementptr i64, i64* %err, i64 1
  store volatile i64 0, i64* %field166
  %field167 = getelementptr i64, i64* %err, i64 2
  store volatile i64 509, i64* %field167
  %field168 = getelementptr i64, i64* %err, i64 3
  store volatile i64 %add155, i64* %field168
  %field169 = getelementptr i64, i64* %err, i64 4
  store volatile i64 0, i64* %field169
  %field170 = getelementptr i64, i64* %err, i64 5
  store volatile i64 %v151, i64* %field170
  br label %exit165
exit165:
  call void @llvm.nvvm.membar.gl()
  call void asm sideeffect "exit;", ""()
  unreachable
ok161:
  %term171 = mul i64 %k158, %v152
  %off172 = add i64 0, %term171
  %byte173 = getelementptr inbounds i8, i8* %v150, i64 %off172
  %elem174 = bitcast i8* %byte173 to double*
  %ld175 = load double, double* %elem174
  %add176 = fadd double %ld149, %ld175
  %neg177 = icmp slt i64 %v125, 0
  %wrap178 = add i64 %v125, %v123
  %k179 = select i1 %neg177, i64 %wrap178, i64 %v125
  %oob180 = icmp uge i64 %k179, %v123
  br i1 %oob180, label %fail181, label %ok182, !prof !{!"branch_weights", i32 1, i32 2000}
fail181:
  %claim183 = cmpxchg i64* %err, i64 0, i64 1 seq_cst seq_cst
  %won184 = extractvalue { i64, i1 } %claim183, 1
  br i1 %won184, label %record185, label %exit186
record185:
  %field187 = getelementptr i64, i64* %err, i64 1
  store volatile i64 0, i64* %field187
  %field188 = getelementptr i64, i64* %err, i64 2
  store volatile i64 499, i64* %field188
  %field189 = getelementptr i64, i64* %err, i64 3
  store volatile i64 %v125, i64* %field189
  %field190 = getelementptr i64, i64* %err, i64 4
  store volatile i64 0, i64* %field190
  %field191 = getelementptr i64, i64* %err, i64 5
  store volatile i64 %v123, i64* %field191
  br label %exit186
exit186:
  call void @llvm.nvvm.membar.gl()
  call void asm sideeffect "exit;", ""()
  unreachable
ok182:
  %term192 = mul i64 %k179, %v124
  %off193 = add i64 0, %term192
  %byte194 = getelementptr inbounds i8, i8* %v122, i64 %off193
  %elem195 = bitcast i8* %byte194 to double*
  store double %add176, double* %elem195
  br label %endif121
else120:
  br label %endif121
endif121:
  call void @llvm.nvvm.barrier0()
  %v196 = load i64, i64* %slot19
  %shr197 = ashr i64 %v196, 1
  store i64 %shr197, i64* %slot19
  br label %while110
orelse112:
  br label %endwhile113
endwhile113:
  %v198 = load i64, i64* %slot16
  %cmp199 = icmp eq i64 %v198, 0
  br i1 %cmp199, label %then200, label %else201
then200:
  %v203 = load i8*, i8** %slot10
  %v204 = load i64, i64* %slot11
  %v205 = load i64, i64* %slot12
  %v206 = load i8*, i8** %slot13
  %v207 = load i64, i64* %slot14
  %v208 = load i64, i64* %slot15
  %neg209 = icmp slt i64 0, 0
  %wrap210 = add i64 0, %v207
  %k211 = select i1 %neg209, i64 %wrap210, i64 0
  %oob212 = icmp uge i64 %k211, %v207
  br i1 %oob212, label %fail213, label %ok214, !prof !{!"branch_weights", i32 1, i32 2000}
fail213:
  %claim215 = cmpxchg i64* %err, i64 0, i64 1 seq_cst seq_cst
  %won216 = extractvalue { i64, i1 } %claim215, 1
  br i1 %won216, label %record217, label %exit218
record217:
  %field219 = getelementptr i64, i64* %err, i64 1
  store volatile i64 0, i64* %field219
  %field220 = getelementptr i64, i64* %err, i64 2
  store volatile i64 613, i64* %field220
  %field221 = getelementptr i64, i64* %err, i64 3
  store volatile i64 0, i64* %field221
  %field222 = getelementptr i64, i64* %err, i64 4
  store volatile i64 0, i64* %field222
  %field223 = getelementptr i64, i64* %err, i64 5
  store volatile i64 %v207, i64* %field223
  br label %exit218
exit218:
  call void @llvm.nvvm.membar.gl()
  call void asm sideeffect "exit;", ""()
  unreachable
ok214:
  %term224 = mul i64 %k211, %v208
  %off225 = add i64 0, %term224
  %byte226 = getelementptr inbounds i8, i8* %v206, i64 %off225
  %elem227 = bitcast i8* %byte226 to double*
  %ld228 = load double, double* %elem227
  %neg229 = icmp slt i64 0, 0
  %wrap230 = add i64 0, %v204
  %k231 = select i1 %neg229, i64 %wrap230, i64 0
  %oob232 = icmp uge i64 %k231, %v204
  br i1 %oob232, label %fail233, label %ok234, !prof !{!"branch_weights", i32 1, i32 2000}
fail233:
  %claim235 = cmpxchg i64* %err, i64 0, i64 1 seq_cst seq_cst
  %won236 = extractvalue { i64, i1 } %claim235, 1
  br i1 %won236, label %record237, label %exit238
record237:
  %field239 = getelementptr i64, i64* %err, i64 1
  store volatile i64 0, i64* %field239
  %field240 = getelementptr i64, i64* %err, i64 2
  store volatile i64 586, i64* %field240
  %field241 = getelementptr i64, i64* %err, i64 3
  store volatile i64 0, i64* %field241
  %field242 = getelementptr i64, i64* %err, i64 4
  store volatile i64 0, i64* %field242
  %field243 = getelementptr i64, i64* %err, i64 5
  store volatile i64 %v204, i64* %field243
  br label %exit238
exit238:
  call void @llvm.nvvm.membar.gl()
  call void asm sideeffect "exit;", ""()
  unreachable
ok234:
  %term244 = mul i64 %k231, %v205
  %off245 = add i64 0, %term244
  %byte246 = getelementptr inbounds i8, i8* %v203, i64 %off245
  %elem247 = bitcast i8* %byte246 to double*
  %old248 = atomicrmw fadd double* %elem247, double %ld228 seq_cst
  br label %endif202
else201:
  br label %endif202
endif202:
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

